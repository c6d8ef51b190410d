using Inspect.Scap.Model;

namespace Inspect.Analysis.State;

/// <summary>
/// One open file descriptor as the state engine knows it. Sockets use the address members: for connected sockets
/// <see cref="SourceIp"/>/<see cref="SourcePort"/> is the client side and <see cref="DestIp"/>/<see cref="DestPort"/>
/// the server side; for listening sockets the source members hold the bound address.
/// </summary>
public sealed class FdInfo
{
    public FdType Type { get; set; }

    public string Name { get; set; } = "";

    public uint OpenFlags { get; set; }

    public uint Dev { get; set; }

    public ulong Ino { get; set; }

    public L4Protocol L4Proto { get; set; }

    public NetAddress SourceIp { get; set; }

    public NetAddress DestIp { get; set; }

    public ushort SourcePort { get; set; }

    public ushort DestPort { get; set; }

    public ulong UnixSource { get; set; }

    public ulong UnixDest { get; set; }

    public FdRole Role { get; set; }

    public bool Connected { get; set; }

    /// <summary>A close of this fd has been entered and not yet returned.</summary>
    public bool CloseInProgress { get; set; }

    public bool IsFile => Type is FdType.File or FdType.FileV2;

    public bool IsDirectory => Type == FdType.Directory;

    public bool IsIpSocket => Type is FdType.IPv4Socket or FdType.IPv6Socket;

    public bool IsServerSocket => Type is FdType.IPv4ServerSocket or FdType.IPv6ServerSocket;

    public bool IsUnixSocket => Type == FdType.UnixSocket;

    public bool RoleNone => Role == FdRole.None;

    /// <summary>The layer-4 protocol sysdig reports: unknown (n/a) for sockets without a role, except raw ones.</summary>
    public L4Protocol EffectiveL4Proto => Type switch
    {
        FdType.IPv4Socket or FdType.IPv6Socket => L4Proto == L4Protocol.Raw ? L4Protocol.Raw : RoleNone ? L4Protocol.NotApplicable : L4Proto,
        FdType.IPv4ServerSocket or FdType.IPv6ServerSocket => L4Proto,
        _ => L4Protocol.NotApplicable,
    };

    /// <summary>The one-character type code sysdig shows in <c>&lt;f&gt;</c>-style prefixes.</summary>
    public char TypeChar => Type switch
    {
        FdType.File or FdType.FileV2 => 'f',
        FdType.IPv4Socket or FdType.IPv4ServerSocket => '4',
        FdType.IPv6Socket or FdType.IPv6ServerSocket => '6',
        FdType.Directory => 'd',
        FdType.Fifo => 'p',
        FdType.UnixSocket => 'u',
        FdType.Event => 'e',
        FdType.Unknown => 'o',
        FdType.Unsupported => 'X',
        FdType.SignalFd => 's',
        FdType.EventPoll => 'l',
        FdType.Inotify => 'i',
        FdType.TimerFd => 't',
        FdType.Netlink => 'n',
        _ => '?',
    };

    /// <summary>The type name of <c>fd.type</c>, or null when sysdig has none.</summary>
    public string TypeString => Type switch
    {
        FdType.File or FdType.FileV2 => "file",
        FdType.Directory => "directory",
        FdType.IPv4Socket or FdType.IPv4ServerSocket => "ipv4",
        FdType.IPv6Socket or FdType.IPv6ServerSocket => "ipv6",
        FdType.UnixSocket => "unix",
        FdType.Fifo => "pipe",
        FdType.Event => "event",
        FdType.SignalFd => "signalfd",
        FdType.EventPoll => "eventpoll",
        FdType.Inotify => "inotify",
        FdType.TimerFd => "timerfd",
        FdType.Netlink => "netlink",
        _ => "<NA>",
    };

    /// <summary>The prefix sysdig prints before an fd name, e.g. "f", "4t", "6u".</summary>
    public string TypePrefix
    {
        get
        {
            var proto = (IsIpSocket || IsServerSocket) ? EffectiveL4Proto switch
            {
                L4Protocol.Tcp => "t",
                L4Protocol.Udp => "u",
                L4Protocol.Icmp => "i",
                L4Protocol.Raw => "r",
                _ => "",
            } : "";
            return TypeChar + proto;
        }
    }

    public FdInfo Clone() => (FdInfo)MemberwiseClone();

    /// <summary>The connection as text: "sip:sport->dip:dport" (server sockets: "ip:port").</summary>
    public string TupleText()
    {
        if (IsServerSocket)
        {
            return Endpoint(SourceIp, SourcePort);
        }

        if (Type == FdType.IPv4Socket || (Type == FdType.IPv6Socket))
        {
            if (L4Proto is L4Protocol.Tcp or L4Protocol.Udp)
            {
                return $"{Endpoint(SourceIp, SourcePort)}->{Endpoint(DestIp, DestPort)}";
            }

            if (Type == FdType.IPv4Socket && L4Proto is L4Protocol.Icmp or L4Protocol.Raw)
            {
                return $"{SourceIp}->{DestIp}";
            }

            return "<unknown>";
        }

        return Name;
    }

    public static string Endpoint(NetAddress ip, ushort port) => $"{ip}:{port}";
}

/// <summary>Which end of a connection the owning process is.</summary>
public enum FdRole : byte
{
    None,
    Client,
    Server,
}
