using Inspect.Analysis.Events;
using Inspect.Analysis.State;
using Inspect.Analysis.Text;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Analysis.Fields;

/// <summary>The <c>fd.*</c> family: the file descriptor an event uses, creates or closes.</summary>
public static class FdFields
{
    /// <summary>Every <c>fd.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("fd.num", FieldType.Int64, FieldFormat.Id, "the fd number",
            static (ref EventContext c) => Resolve(ref c, out var t) is var _ && t is not null ? FieldValue.Of(t.LastEventFd) : FieldValue.Null),
        new("fd.type", FieldType.CharBuf, FieldFormat.NotApplicable, "fd type: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink",
            static (ref EventContext c) => FieldValue.Of(Resolve(ref c, out _)?.TypeString)),
        new("fd.typechar", FieldType.CharBuf, FieldFormat.NotApplicable, "fd type as one character: f file, 4/6 IP socket, u unix socket, p pipe, e eventfd, s signalfd, l eventpoll, i inotify, o unknown",
            static (ref EventContext c) => TypeChar(ref c)),
        new("fd.name", FieldType.CharBuf, FieldFormat.NotApplicable, "full name: the path of a file, the connection tuple of a socket",
            static (ref EventContext c) => FieldValue.Of(Name(ref c))),
        new("fd.directory", FieldType.CharBuf, FieldFormat.NotApplicable, "for files, the directory that contains the file",
            static (ref EventContext c) => FieldValue.Of(Directory(ref c))),
        new("fd.filename", FieldType.CharBuf, FieldFormat.NotApplicable, "for files, the file name without the directory",
            static (ref EventContext c) => FieldValue.Of(FileName(ref c))),
        new("fd.ip", FieldType.IpAddr, FieldFormat.NotApplicable, "matches either IP address of the fd (filters only)",
            FieldFlags.FilterOnly, static (d, a) => new BoundField(d, d.Name, static (ref EventContext c) => FieldValue.Null)
            {
                Candidates = static (ref EventContext c, int i) => Endpoint(ref c, i, port: false),
                NotEqualMeansNoneEqual = true,
            }),
        new("fd.cip", FieldType.IpAddr, FieldFormat.NotApplicable, "client IP address",
            static (ref EventContext c) => Resolve(ref c, out _) is { IsIpSocket: true, RoleNone: false } f ? FieldValue.Of(f.SourceIp) : FieldValue.Null),
        new("fd.sip", FieldType.IpAddr, FieldFormat.NotApplicable, "server IP address",
            static (ref EventContext c) => Resolve(ref c, out _) is { } f && !f.RoleNone && (f.IsIpSocket || f.IsServerSocket)
                ? FieldValue.Of(f.IsServerSocket ? f.SourceIp : f.DestIp) : FieldValue.Null),
        new("fd.lip", FieldType.IpAddr, FieldFormat.NotApplicable, "local IP address",
            static (ref EventContext c) => LocalRemote(ref c, local: true, port: false)),
        new("fd.rip", FieldType.IpAddr, FieldFormat.NotApplicable, "remote IP address",
            static (ref EventContext c) => LocalRemote(ref c, local: false, port: false)),
        new("fd.port", FieldType.Port, FieldFormat.Decimal, "matches either port of the fd (filters only)",
            FieldFlags.FilterOnly, static (d, a) => new BoundField(d, d.Name, static (ref EventContext c) => FieldValue.Null)
            {
                Candidates = static (ref EventContext c, int i) => Endpoint(ref c, i, port: true),
                NotEqualMeansNoneEqual = true,
            }),
        new("fd.cport", FieldType.Port, FieldFormat.Decimal, "client port of a TCP/UDP fd",
            static (ref EventContext c) => Resolve(ref c, out _) is { RoleNone: false } f
                ? FieldValue.Of((long)(f.IsIpSocket ? f.SourcePort : 0)) : FieldValue.Null),
        new("fd.sport", FieldType.Port, FieldFormat.Decimal, "server port of a TCP/UDP fd",
            static (ref EventContext c) => Resolve(ref c, out _) is { } f && (f.IsServerSocket || (f.IsIpSocket && !f.RoleNone))
                ? FieldValue.Of((long)(f.IsServerSocket ? f.SourcePort : f.DestPort)) : FieldValue.Null),
        new("fd.lport", FieldType.Port, FieldFormat.Decimal, "local port of a TCP/UDP fd",
            static (ref EventContext c) => LocalRemote(ref c, local: true, port: true)),
        new("fd.rport", FieldType.Port, FieldFormat.Decimal, "remote port of a TCP/UDP fd",
            static (ref EventContext c) => LocalRemote(ref c, local: false, port: true)),
        new("fd.l4proto", FieldType.CharBuf, FieldFormat.NotApplicable, "IP protocol of a socket: tcp, udp, icmp or raw",
            static (ref EventContext c) => Resolve(ref c, out _) is { } f ? FieldValue.Of(f.EffectiveL4Proto switch
            {
                L4Protocol.Tcp => "tcp",
                L4Protocol.Udp => "udp",
                L4Protocol.Icmp => "icmp",
                L4Protocol.Raw => "raw",
                _ => "<NA>",
            }) : FieldValue.Null),
        new("fd.sockfamily", FieldType.CharBuf, FieldFormat.NotApplicable, "socket family: ip or unix",
            static (ref EventContext c) => FieldValue.Of(Resolve(ref c, out _) switch
            {
                { IsIpSocket: true } or { IsServerSocket: true } => "ip",
                { IsUnixSocket: true } => "unix",
                _ => null,
            })),
        new("fd.is_server", FieldType.Bool, FieldFormat.NotApplicable, "true when the process is the server end of the connection",
            static (ref EventContext c) => Resolve(ref c, out var t) is { } f
                ? FieldValue.Of(f.IsServerSocket || (f.IsIpSocket && c.Engine.IsLocal(f.DestIp, t!))) : FieldValue.Null),
        new("fd.uid", FieldType.CharBuf, FieldFormat.NotApplicable, "unique id of the fd: thread id followed by fd number",
            static (ref EventContext c) => c.IsContainerEvent ? FieldValue.Null
                : Resolve(ref c, out var t) is var _ && t is not null ? FieldValue.Of(FormattableString.Invariant($"{t.Tid}{t.LastEventFd}")) : FieldValue.Null),
        new("fd.containername", FieldType.CharBuf, FieldFormat.NotApplicable, "container id and fd name, joined by ':'",
            static (ref EventContext c) => Name(ref c) is { } n && c.Thread is { } t ? FieldValue.Of(t.ContainerId + ":" + n) : FieldValue.Null),
        new("fd.containerdirectory", FieldType.CharBuf, FieldFormat.NotApplicable, "container id and directory, joined by ':'",
            static (ref EventContext c) => Directory(ref c) is { } n && c.Thread is { } t ? FieldValue.Of(t.ContainerId + ":" + n) : FieldValue.Null),
        new("fd.connected", FieldType.Bool, FieldFormat.NotApplicable, "for TCP/UDP fds, true when the socket is connected",
            static (ref EventContext c) => Resolve(ref c, out _) is { } f ? FieldValue.Of(f.Connected) : FieldValue.Null),
    ];

    /// <summary>The fd an event refers to (sysdig's extract_fd): null for events without fds and unknown fds.</summary>
    public static FdInfo? Resolve(ref EventContext c, out ThreadInfo? thread)
    {
        thread = null;
        if ((c.Info.Flags & (EventFlags.CreatesFd | EventFlags.UsesFd | EventFlags.DestroysFd)) == 0)
        {
            return null;
        }

        thread = c.Thread;
        if (thread is null)
        {
            return null;
        }

        return c.Fd ?? (thread.LastEventFd != -1 ? thread.GetFd(thread.LastEventFd) : null);
    }

    private static bool IsFdEvent(ref EventContext c) =>
        (c.Info.Flags & (EventFlags.CreatesFd | EventFlags.UsesFd | EventFlags.DestroysFd)) != 0 && c.Thread is not null;

    private static string? Name(ref EventContext c)
    {
        if (!IsFdEvent(ref c))
        {
            return null;
        }

        var f = Resolve(ref c, out _);
        if (f is null || (c.Type == EventCodes.ConnectX && c.ParamCount > 0 && c.ParamInt64(0) < 0))
        {
            return NameFromCreator(ref c);
        }

        return CText.Sanitize(f.Name);
    }

    // For exits of calls that create an fd, the name even when no fd exists (the call failed).
    private static string? NameFromCreator(ref EventContext c)
    {
        if (c.IsEnter)
        {
            return null;
        }

        var type = c.Type;
        if (type is EventCodes.OpenX or EventCodes.CreatX or EventCodes.ConnectX || EventCodes.IsAcceptExit(type))
        {
            return c.ParamCount > 1 ? c.Renderer.RenderPreferResolved(ref c, 1) : "";
        }

        if (type is EventCodes.OpenAt2X or EventCodes.OpenAt2NewX)
        {
            if (c.ParamCount < 3)
            {
                return "";
            }

            var name = c.Param(2);
            var dir = StateEngine.DirectoryOf(ref c, name, c.ParamInt64(1));
            PathText.Concatenate(dir, name, out var full);
            return CText.Sanitize(full);
        }

        return type == EventCodes.OpenAtX ? null : "";
    }

    private static string? Directory(ref EventContext c)
    {
        if (!IsFdEvent(ref c))
        {
            return null;
        }

        var f = Resolve(ref c, out _);
        string name;
        if (f is null)
        {
            if (NameFromCreator(ref c) is not { } created)
            {
                return null;
            }

            name = created;
            return DirectoryPart(name);
        }

        if (!(f.IsFile || f.IsDirectory))
        {
            return null;
        }

        name = CText.Sanitize(f.Name);
        return f.IsFile ? DirectoryPart(name) : name;
    }

    private static string DirectoryPart(string name)
    {
        var pos = name.LastIndexOf('/');
        if (pos > 0)
        {
            return pos < name.Length - 1 ? name[..pos] : name;
        }

        return "/";
    }

    private static string? FileName(ref EventContext c)
    {
        if (!IsFdEvent(ref c) || Resolve(ref c, out _) is not { IsFile: true } f)
        {
            return null;
        }

        var name = CText.Sanitize(f.Name);
        var pos = name.LastIndexOf('/');
        if (pos < 0)
        {
            return "/";
        }

        return pos < name.Length - 1 ? name[(pos + 1)..] : name;
    }

    private static FieldValue TypeChar(ref EventContext c)
    {
        if (!IsFdEvent(ref c))
        {
            return FieldValue.Null;
        }

        if (Resolve(ref c, out _) is { } f)
        {
            return FieldValue.Of(f.TypeChar.ToString());
        }

        var enter = (ushort)(c.Type & ~1);
        return FieldValue.Of(enter switch
        {
            EventCodes.OpenE or EventCodes.OpenAtE or EventCodes.OpenAt2E or EventCodes.OpenAt2NewE or EventCodes.CreatE => "f",
            EventCodes.SocketE or 26 or 246 or 248 or 56 => "4",
            60 => "p",
            62 => "e",
            126 => "s",
            136 => "t",
            138 => "i",
            _ => "o",
        });
    }

    private static FieldValue LocalRemote(ref EventContext c, bool local, bool port)
    {
        if (Resolve(ref c, out var t) is not { IsIpSocket: true, RoleNone: false } f)
        {
            return FieldValue.Null;
        }

        var sourceIsLocal = c.Engine.IsLocal(f.SourceIp, t!);
        var useSource = local == sourceIsLocal;
        if (port)
        {
            return FieldValue.Of((long)(useSource ? f.SourcePort : f.DestPort));
        }

        return FieldValue.Of(useSource ? f.SourceIp : f.DestIp);
    }

    private static FieldValue Endpoint(ref EventContext c, int index, bool port)
    {
        if (Resolve(ref c, out _) is not { } f)
        {
            return FieldValue.Null;
        }

        if (f.IsServerSocket)
        {
            return index == 0 ? (port ? FieldValue.Of((long)f.SourcePort) : FieldValue.Of(f.SourceIp)) : FieldValue.Null;
        }

        if (!f.IsIpSocket || index > 1)
        {
            return FieldValue.Null;
        }

        return port ? FieldValue.Of((long)(index == 0 ? f.SourcePort : f.DestPort)) : FieldValue.Of(index == 0 ? f.SourceIp : f.DestIp);
    }
}
