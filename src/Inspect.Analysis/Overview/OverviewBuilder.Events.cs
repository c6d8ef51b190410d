using System.Globalization;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Overview;

/// <summary>What each event adds to the current sample: the wsysdig_summary chisel's on_event, rule for rule.</summary>
public sealed partial class OverviewBuilder
{
    private static readonly BoundField RawResult = FieldRegistry.Bind("evt.rawres");
    private static readonly BoundField FdType = FieldRegistry.Bind("fd.type");
    private static readonly BoundField FdName = FieldRegistry.Bind("fd.name");
    private static readonly BoundField FdContainerName = FieldRegistry.Bind("fd.containername");
    private static readonly BoundField FdServerPort = FieldRegistry.Bind("fd.sport");
    private static readonly BoundField FdTypeChar = FieldRegistry.Bind("fd.typechar");
    private static readonly BoundField BufferLength = FieldRegistry.Bind("evt.buflen");
    private static readonly BoundField Buffer = FieldRegistry.Bind("evt.buffer");
    private static readonly BoundField Latency = FieldRegistry.Bind("evt.latency");
    private static readonly BoundField ParentName = FieldRegistry.Bind("proc.pname");
    private static readonly BoundField ExeArgument = FieldRegistry.Bind("evt.arg.exe");
    private static readonly BoundField SignalArgument = FieldRegistry.Bind("evt.arg.sig");
    private static readonly BoundField SourceArgument = FieldRegistry.Bind("evt.arg.source");
    private static readonly BoundField NameArgument = FieldRegistry.Bind("evt.arg.name");

    private const long EInProgress = -115;
    private const long SshPort = 22;
    private const long OneMs = 1_000_000;

    /// <summary>Counts one event that passed the filter (internal events included, as the chisel sees them).</summary>
    public void Add(ref EventContext ctx)
    {
        if (!_started)
        {
            // Container metadata ahead of the first event is read while the capture opens; no chisel sees it.
            return;
        }

        var c = _current;
        c.Values[TileIndex.SystemCalls]++;
        if (ctx.IsEnter)
        {
            AddEnter(ref ctx, c);
            return;
        }

        var type = ctx.Info.Name;
        var raw = RawResult.Extract(ref ctx);
        if (raw.IsNull || raw.Integer < 0)
        {
            AddFailure(ref ctx, c, type, raw.IsNull ? null : raw.Integer);
            return;
        }

        var flags = ctx.Info.Flags;
        var isWrite = (flags & EventFlags.WritesToFd) != 0;
        var isRead = (flags & EventFlags.ReadsFromFd) != 0;
        if (isWrite || isRead)
        {
            switch (FdType.Extract(ref ctx).Text)
            {
                case "file":
                    AddFileIo(ref ctx, c, isWrite);
                    break;
                case "ipv4" or "ipv6":
                    AddNetworkIo(ref ctx, c, isWrite);
                    break;
                case "unix" when isWrite:
                    // Applications can write to syslog through a unix socket.
                    CountSyslog(ref ctx, c);
                    break;
            }

            return;
        }

        switch (type)
        {
            case "execve":
                c.Values[TileIndex.ExecutedCommands]++;
                if (ParentName.Extract(ref ctx).Text is { } parent && parent.Contains("bash", StringComparison.Ordinal))
                {
                    c.Values[TileIndex.ExecutedInteractiveCommands]++;
                }

                if (ExeArgument.ToText(ref ctx) == "sudo")
                {
                    c.Values[TileIndex.SudoInvocations]++;
                }

                break;
            case "bind":
                if (ServerPort(ref ctx) is { } port)
                {
                    _listeningPorts.Add(port);

                    c.Values[TileIndex.NewListeningPorts]++;
                }

                break;
            case "connect":
                CountConnection(ref ctx, c, TileIndex.NewOutboundConnections);
                break;
            case "accept":
                CountConnection(ref ctx, c, TileIndex.NewInboundConnections);
                break;
            case "unlink" or "unlinkat":
                c.Values[TileIndex.DeletedFiles]++;
                break;
            case "symlink" or "symlinkat":
                c.Values[TileIndex.NewSymlinks]++;
                break;
            case "clone" or "fork":
                if (raw.Integer > 0)
                {
                    c.Values[TileIndex.Forks]++;
                }

                break;
            case "setns":
                c.Values[TileIndex.SetnsInvocations]++;
                break;
        }
    }

    private void AddEnter(ref EventContext ctx, IntervalCounters c)
    {
        switch (ctx.Info.Name)
        {
            // Closing an IPv4 listening socket takes its port off the list (IPv6 ones stay: the chisel only checks '2').
            case "close":
                if (ServerPort(ref ctx) is { } port && FdTypeChar.Extract(ref ctx).Text == "2")
                {
                    _listeningPorts.Remove(port);
                }

                break;
            case "signaldeliver":
                c.Values[TileIndex.Signals]++;
                if (SignalArgument.ToText(ref ctx) == "SIGSEGV")
                {
                    c.Values[TileIndex.Segfaults]++;
                }

                break;
            case "notification":
                c.Values[TileIndex.Notifications]++;
                break;
            case "infra":
                if (SourceArgument.ToText(ref ctx) == "docker")
                {
                    c.Values[TileIndex.DockerEvents]++;
                    var name = NameArgument.ToText(ref ctx) ?? "";
                    c.DockerEvents[name] = c.DockerEvents.GetValueOrDefault(name) + 1;
                }

                break;
        }
    }

    private static void AddFailure(ref EventContext ctx, IntervalCounters c, string type, long? raw)
    {
        switch (type)
        {
            case "connect":
                CountConnection(ref ctx, c, TileIndex.NewOutboundConnections);
                if (raw != EInProgress && FdType.Extract(ref ctx).Text is "ipv4" or "ipv6")
                {
                    c.Values[TileIndex.FailedConnections]++;
                }

                break;
            case "accept":
                CountConnection(ref ctx, c, TileIndex.NewInboundConnections);
                break;
            case "open":
                c.Values[TileIndex.FileOpenErrors]++;
                break;
        }
    }

    private static void CountConnection(ref EventContext ctx, IntervalCounters c, int tile)
    {
        if (ServerPort(ref ctx) is { } port)
        {
            c.Values[tile]++;
            if (port == SshPort)
            {
                c.Values[TileIndex.NewSshConnections]++;
            }
        }
    }

    private static void AddFileIo(ref EventContext ctx, IntervalCounters c, bool isWrite)
    {
        var bytes = BufferLength.Extract(ref ctx) is { IsNull: false } b ? b.Integer : 0;
        var containerName = FdContainerName.Extract(ref ctx).Text;
        var name = FdName.Extract(ref ctx).Text;
        c.CountDistinct(c.Files, TileIndex.AccessedFiles, containerName);
        c.Values[TileIndex.FileBytes] += bytes;
        if (isWrite)
        {
            c.CountDistinct(c.FilesWritten, TileIndex.ModifiedFiles, containerName);
            c.Values[TileIndex.FileBytesOut] += bytes;
            if (name is not null && IsSystemPath(name))
            {
                c.CountDistinct(c.SystemFilesWritten, TileIndex.ModifiedSystemFiles, name);
            }

            if (!CountSyslog(ref ctx, c) && name is not null && IsLogFile(name))
            {
                CountLogLines(Buffer.Extract(ref ctx).Bytes, c);
            }
        }
        else
        {
            c.Values[TileIndex.FileBytesIn] += bytes;
        }

        if (Latency.Extract(ref ctx) is { IsNull: false } latency && !(name ?? "").StartsWith("/dev/", StringComparison.Ordinal))
        {
            var ns = latency.Integer;
            c.Values[TileIndex.SlowIo100Ms] += ns > 100 * OneMs ? 1 : 0;
            c.Values[TileIndex.SlowIo10Ms] += ns > 10 * OneMs ? 1 : 0;
            c.Values[TileIndex.SlowIo1Ms] += ns > OneMs ? 1 : 0;
        }
    }

    private static void AddNetworkIo(ref EventContext ctx, IntervalCounters c, bool isWrite)
    {
        var bytes = BufferLength.Extract(ref ctx) is { IsNull: false } b ? b.Integer : 0;
        c.CountDistinct(c.Connections, TileIndex.ActiveConnections, FdContainerName.Extract(ref ctx).Text);
        c.Values[TileIndex.NetBytes] += bytes;
        c.Values[isWrite ? TileIndex.NetBytesOut : TileIndex.NetBytesIn] += bytes;
        if (ServerPort(ref ctx) is { } port && ServicePorts.Protocol(port) is { } protocol)
        {
            c.ProtocolBytes[ProtocolIndex[protocol]] += bytes;
        }

        var buffer = Buffer.Extract(ref ctx).Bytes;
        if (buffer.StartsWith("HTTP/"u8))
        {
            c.Values[TileIndex.HttpRequests]++;
            if (HttpStatus(buffer) != 200)
            {
                c.Values[TileIndex.HttpErrors]++;
            }
        }
    }

    /// <summary>Counts a syslog message when the write decodes as one; false when it does not.</summary>
    private static bool CountSyslog(ref EventContext ctx, IntervalCounters c)
    {
        if (SyslogSeverity.Of(ref ctx) is not { } severity)
        {
            return false;
        }

        c.Values[TileIndex.Syslog]++;
        if (severity == 4)
        {
            c.Values[TileIndex.SyslogWarnings]++;
        }
        else if (severity < 4)
        {
            c.Values[TileIndex.SyslogErrors]++;
        }

        return true;
    }

    /// <summary>Each non-empty line written to an application log is a message; its words decide warning or error.</summary>
    private static void CountLogLines(ReadOnlySpan<byte> buffer, IntervalCounters c)
    {
        foreach (var range in buffer.Split((byte)'\n'))
        {
            var line = buffer[range];
            if (line.IsEmpty)
            {
                continue;
            }

            c.Values[TileIndex.AppLogs]++;
            if (ContainsAsciiIgnoreCase(line, "warn"u8))
            {
                c.Values[TileIndex.AppLogWarnings]++;
            }
            else if (ContainsAsciiIgnoreCase(line, "error"u8) || ContainsAsciiIgnoreCase(line, "critic"u8) ||
                     ContainsAsciiIgnoreCase(line, "emergency"u8) || ContainsAsciiIgnoreCase(line, "alert"u8))
            {
                c.Values[TileIndex.AppLogErrors]++;
            }
        }
    }

    private static bool ContainsAsciiIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerWord)
    {
        for (var i = 0; i + lowerWord.Length <= text.Length; i++)
        {
            var j = 0;
            while (j < lowerWord.Length && (text[i + j] is >= (byte)'A' and <= (byte)'Z' ? (byte)(text[i + j] | 0x20) : text[i + j]) == lowerWord[j])
            {
                j++;
            }

            if (j == lowerWord.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number after the first space of an HTTP status line, or null when it is not a number.</summary>
    private static double? HttpStatus(ReadOnlySpan<byte> buffer)
    {
        var parts = buffer.Split((byte)' ');
        if (!parts.MoveNext() || !parts.MoveNext())
        {
            return null;
        }

        var text = System.Text.Encoding.Latin1.GetString(buffer[parts.Current]).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static long? ServerPort(ref EventContext ctx) => FdServerPort.Extract(ref ctx) is { IsNull: false } p ? p.Integer : null;

    private static bool IsSystemPath(string name) =>
        name.StartsWith("/bin/", StringComparison.Ordinal) || name.StartsWith("/sbin/", StringComparison.Ordinal) ||
        name.StartsWith("/boot/", StringComparison.Ordinal) || name.StartsWith("/etc/", StringComparison.Ordinal) ||
        name.StartsWith("/lib", StringComparison.Ordinal) || name.StartsWith("/usr/bin/", StringComparison.Ordinal) ||
        name.StartsWith("/usr/sbin/", StringComparison.Ordinal) || name.StartsWith("/usr/share/", StringComparison.Ordinal) ||
        name.StartsWith("/usr/lib", StringComparison.Ordinal);

    private static bool IsLogFile(string name) =>
        (name.Contains(".log", StringComparison.Ordinal) || name.Contains("_log", StringComparison.Ordinal) || name.Contains("/var/log", StringComparison.Ordinal)) &&
        !(name.Contains(".gz", StringComparison.Ordinal) || name.Contains(".tgz", StringComparison.Ordinal));
}
