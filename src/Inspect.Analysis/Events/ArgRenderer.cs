using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Inspect.Analysis.State;
using Inspect.Analysis.Text;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Events;

/// <summary>
/// Turns event parameters into text the way sysdig 0.29 prints them: a raw value plus an optional resolved one
/// (fd names, errno and flag names, user names, resolved paths), joined as <c>name=raw(resolved)</c> in evt.info.
/// </summary>
public sealed class ArgRenderer
{
    private const int PathStorage = 256;
    private static readonly ParamInfo PtraceUInt64 = new("", ParamType.UInt64, PrintFormat.Hex, null, -1);
    private static readonly ParamInfo PtraceSignal = new("", ParamType.SigType, PrintFormat.Decimal, null, -1);
    private static readonly ParamInfo BpfFd = new("", ParamType.Fd, PrintFormat.Decimal, null, -1);
    private static readonly ParamInfo BpfRes = new("", ParamType.Errno, PrintFormat.Decimal, null, -1);
    private static readonly ParamInfo[] SockoptTypes =
    [
        new("", ParamType.ByteBuf, PrintFormat.Hex, null, -1),
        new("", ParamType.Errno, PrintFormat.Decimal, null, -1),
        new("", ParamType.UInt32, PrintFormat.Decimal, null, -1),
        new("", ParamType.UInt64, PrintFormat.Decimal, null, -1),
        new("", ParamType.RelTime, PrintFormat.Decimal, null, -1),
    ];

    private string _lastRaw = "";

    /// <summary>
    /// Buffers longer than this are cut to this many characters, the last three replaced by "..." (sysdig's 80 without
    /// -v); 0 keeps them whole.
    /// </summary>
    public int MaxBufferLength { get; set; } = 80;

    /// <summary>evt.args / evt.info: every parameter as <c>name=value</c>, each followed by a space.</summary>
    public string RenderAll(ref EventContext ctx)
    {
        if (ctx.Type is EventCodes.GenericE or EventCodes.GenericX)
        {
            return "";
        }

        var sb = new StringBuilder();
        var ps = ctx.Info.Parameters;
        for (var i = 0; i < ctx.ParamCount; i++)
        {
            var raw = Render(ref ctx, i, out var resolved);
            sb.Append(ps[i].Name).Append('=').Append(raw);
            if (resolved.Length != 0)
            {
                sb.Append('(').Append(resolved).Append(')');
            }

            sb.Append(' ');
        }

        return sb.ToString();
    }

    /// <summary>evt.arg: the resolved value when there is one, else the raw one.</summary>
    public string RenderPreferResolved(ref EventContext ctx, int index)
    {
        var raw = Render(ref ctx, index, out var resolved);
        return resolved.Length != 0 ? resolved : raw;
    }

    /// <summary>One parameter: its raw text, and the resolved text (empty when none).</summary>
    public string Render(ref EventContext ctx, int index, out string resolved) => Render(ref ctx, index, simple: false, out resolved);

    internal string Render(ref EventContext ctx, int index, bool simple, out string resolved)
    {
        var raw = RenderCore(ref ctx, index, simple, out resolved);
        _lastRaw = raw;
        return raw;
    }

    private string RenderCore(ref EventContext ctx, int index, bool simple, out string resolved)
    {
        resolved = "";
        var outer = ctx.Info.Parameters[index];
        var info = outer;
        var payload = ctx.Param(index);
        if (info.Type == ParamType.Dyn && payload.Length != 0 && DynamicType(info.FlagTable, payload[0]) is { } dyn)
        {
            payload = payload[1..];
            info = dyn;
        }

        var fmt = outer.Format;
        switch (info.Type)
        {
            case ParamType.Int8:
                return Number((sbyte)(payload.Length > 0 ? payload[0] : 0), 8, fmt);
            case ParamType.Int16:
                return Number((short)ParamReader.UInt16(payload), 16, fmt);
            case ParamType.Int32:
                return Number((int)ParamReader.UInt32(payload), 32, fmt);
            case ParamType.Int64:
                return Number(ParamReader.Int64(payload), 64, fmt);
            case ParamType.UInt8:
                return Number(payload.Length > 0 ? payload[0] : 0, 8, fmt);
            case ParamType.UInt16:
                return Number(ParamReader.UInt16(payload), 16, fmt);
            case ParamType.UInt32:
                return Number(ParamReader.UInt32(payload), 32, fmt);
            case ParamType.UInt64:
                return Number(ParamReader.Int64(payload), 64, fmt);
            case ParamType.Fd:
                return RenderFd(ref ctx, ParamReader.Int64(payload), simple, out resolved);
            case ParamType.Pid:
                {
                    var pid = ParamReader.Int64(payload);
                    if (ctx.Engine.Threads.Find(pid) is { } target)
                    {
                        resolved = target.Comm;
                    }

                    return pid.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.Errno:
                {
                    var v = ParamReader.Int64(payload);
                    if (v < 0 && ErrnoNames.Get(-(int)v) is { } name)
                    {
                        resolved = name;
                    }

                    return v.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.CharBuf:
                return CText.CString(payload);
            case ParamType.FsPath or ParamType.FsRelPath:
                return RenderPath(ref ctx, index, info, payload, out resolved);
            case ParamType.ByteBuf:
                return Buffer(payload);
            case ParamType.SockAddr:
                return SocketText.Address(payload);
            case ParamType.SockTuple:
                return SocketText.Tuple(payload);
            case ParamType.FdList:
                return RenderFdList(ref ctx, payload);
            case ParamType.SyscallId:
                {
                    var id = ParamReader.UInt16(payload);
                    if (SyscallTable.TryGet(id) is not { } sc)
                    {
                        return "<unknown syscall>";
                    }

                    resolved = sc.Name;
                    return id.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.SigType:
                {
                    var sig = payload.Length > 0 ? payload[0] : (byte)0;
                    resolved = SignalNames.Get(sig) ?? "";
                    return sig.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.RelTime:
                {
                    var v = ParamReader.UInt64(payload);
                    if (v == ulong.MaxValue)
                    {
                        return "none";
                    }

                    resolved = CText.FormatG(v / 1e9) + "s";
                    return v.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.Flags8 or ParamType.Flags16 or ParamType.Flags32:
                {
                    uint v = info.Type == ParamType.Flags8 ? (payload.Length > 0 ? payload[0] : 0u)
                        : info.Type == ParamType.Flags16 ? ParamReader.UInt16(payload) : ParamReader.UInt32(payload);
                    resolved = FlagNames(outer.FlagTable, v);
                    return v.ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.Mode:
                {
                    var v = ParamReader.UInt32(payload);
                    resolved = FlagNames(outer.FlagTable, v);
                    return Number(v, 32, fmt);
                }

            case ParamType.Uid or ParamType.Gid:
                {
                    var v = ParamReader.UInt32(payload);
                    if (v == uint.MaxValue)
                    {
                        resolved = "<NONE>";
                        return "-1";
                    }

                    var name = info.Type == ParamType.Uid ? ctx.Engine.FindUser(v)?.Name : ctx.Engine.FindGroup(v)?.Name;
                    resolved = name is null ? "<NA>" : CText.Sanitize(name);
                    return ((int)v).ToString(CultureInfo.InvariantCulture);
                }

            case ParamType.SigSet:
                {
                    var v = ParamReader.UInt32(payload);
                    var names = new List<string>();
                    for (var sig = 0; sig < 32; sig++)
                    {
                        if ((v & (1u << sig)) != 0 && SignalNames.Get(sig + 1) is { } n)
                        {
                            names.Add(n);
                        }
                    }

                    return string.Join(' ', names);
                }

            case ParamType.AbsTime or ParamType.Dyn:
                return "INVALID DYNAMIC PARAMETER";
            default:
                return "(n.a.)";
        }
    }

    /// <summary>A byte buffer with unprintable bytes as '.', cut at <see cref="MaxBufferLength"/>.</summary>
    public string Buffer(ReadOnlySpan<byte> payload)
    {
        if (MaxBufferLength != 0 && payload.Length > MaxBufferLength)
        {
            var cut = CText.Dots(payload[..MaxBufferLength]);
            return MaxBufferLength > 3 ? string.Concat(cut.AsSpan(0, MaxBufferLength - 3), "...") : cut;
        }

        return CText.Dots(payload);
    }

    private static ParamInfo? DynamicType(string? table, byte index) => table switch
    {
        "dyn:ptrace" => index switch { 0 => PtraceUInt64, 1 => PtraceSignal, _ => null },
        "dyn:bpf" => index switch { 0 => BpfFd, 1 => BpfRes, _ => null },
        "dyn:sockopt" => index < SockoptTypes.Length ? SockoptTypes[index] : null,
        _ => null,
    };

    /// <summary>printf of an integer parameter: decimal is signed at int width (or 64 bits), hex and octal unsigned.</summary>
    internal static string Number(long value, int bits, PrintFormat fmt)
    {
        var wide = bits == 64;
        switch (fmt)
        {
            case PrintFormat.Octal:
                {
                    var u = wide ? (ulong)value : (uint)value;
                    return u == 0 ? "0" : "0" + Convert.ToString((long)u, 8);
                }

            case PrintFormat.Hex:
                return wide ? ((ulong)value).ToString("X", CultureInfo.InvariantCulture) : ((uint)value).ToString("X", CultureInfo.InvariantCulture);
            case PrintFormat.PaddedDecimal:
                return wide ? value.ToString("D9", CultureInfo.InvariantCulture) : ((int)value).ToString("D9", CultureInfo.InvariantCulture);
            default:
                return wide ? value.ToString(CultureInfo.InvariantCulture) : ((int)value).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Flag names as sysdig joins them: bits in table order, then an exact match when one remains.</summary>
    internal static string FlagNames(string? table, uint value)
    {
        if (table is null || table.StartsWith("dyn:", StringComparison.Ordinal))
        {
            return "";
        }

        var entries = FlagTables.Get(table);
        if (entries.Count == 0)
        {
            return "";
        }

        var sb = new StringBuilder();
        var remaining = value;
        var i = 0;
        for (; i < entries.Count && entries[i].Value != value; i++)
        {
            var f = (uint)entries[i].Value;
            if ((f == 0 && value == 0) || (f != 0 && (remaining & f) == f && remaining != 0))
            {
                if (sb.Length != 0)
                {
                    sb.Append('|');
                }

                sb.Append(entries[i].Name);
                remaining &= ~f;
            }
        }

        if (i < entries.Count)
        {
            if (sb.Length != 0)
            {
                sb.Append('|');
            }

            sb.Append(entries[i].Name);
        }

        return sb.ToString();
    }

    private static string RenderFd(ref EventContext ctx, long fd, bool simple, out string resolved)
    {
        resolved = "";
        var raw = fd.ToString(CultureInfo.InvariantCulture);
        var t = ctx.Thread;
        if (t is null)
        {
            return raw;
        }

        if (fd >= 0)
        {
            if (t.GetFd(fd) is { } info)
            {
                var prefix = info.TypePrefix;
                resolved = "<" + (simple ? "" : prefix) + ">" + CText.Sanitize(info.Name);
            }
        }
        else if (fd == -100)
        {
            resolved = "AT_FDCWD";
        }
        else if (ErrnoNames.Get(-(int)fd) is { } name)
        {
            resolved = name;
        }

        return raw;
    }

    private static string RenderPath(ref EventContext ctx, int index, ParamInfo info, ReadOnlySpan<byte> payload, out string resolved)
    {
        resolved = "";
        var raw = CText.SanitizedCString(payload, PathStorage);
        var t = ctx.Thread;
        if (t is null || payload.IsEmpty || payload.StartsWith("<NA>"u8))
        {
            return raw;
        }

        var dir = t.Cwd;
        if (info.Type == ParamType.FsRelPath && info.DirFdParam >= 0 && info.DirFdParam < ctx.ParamCount
            && ctx.Info.Parameters[info.DirFdParam].Type == ParamType.Fd)
        {
            var dirfd = ctx.ParamInt64(info.DirFdParam);
            if (dirfd != -100)
            {
                var dirInfo = t.GetFd(dirfd);
                dir = dirInfo is null || dirInfo.Name.Length == 0 ? "" : CText.Sanitize(dirInfo.Name) + "/";
            }
        }

        if (PathText.Concatenate(dir, payload, out var full))
        {
            resolved = full;
        }

        _ = index;
        return raw;
    }

    private string RenderFdList(ref EventContext ctx, ReadOnlySpan<byte> payload)
    {
        var t = ctx.Thread;
        if (t is null)
        {
            // sysdig leaves the previous parameter's text in place here.
            return _lastRaw;
        }

        if (payload.Length < 2)
        {
            return "";
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        var sb = new StringBuilder();
        var pos = 2;
        for (var j = 0; j < count && pos + 10 <= payload.Length; j++)
        {
            var fd = BinaryPrimitives.ReadInt64LittleEndian(payload[pos..]);
            var flags = (uint)(int)BinaryPrimitives.ReadInt16LittleEndian(payload[(pos + 8)..]);
            var ch = t.GetFd(fd)?.TypeChar ?? '?';
            if (j > 0)
            {
                sb.Append(' ');
            }

            sb.Append(((ulong)fd).ToString(CultureInfo.InvariantCulture)).Append(':').Append(ch).Append(flags.ToString("x", CultureInfo.InvariantCulture));
            pos += 10;
        }

        return sb.ToString();
    }
}
