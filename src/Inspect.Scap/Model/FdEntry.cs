using System.Net;

namespace Inspect.Scap.Model;

/// <summary>Type of an fd-table entry (libscap's SCAP_FD_* values).</summary>
public enum FdType : byte
{
    Unknown = 0,
    File = 1,
    Directory = 2,
    IPv4Socket = 3,
    IPv6Socket = 4,
    IPv4ServerSocket = 5,
    IPv6ServerSocket = 6,
    Fifo = 7,
    UnixSocket = 8,
    Event = 9,
    Unsupported = 10,
    SignalFd = 11,
    EventPoll = 12,
    Inotify = 13,
    TimerFd = 14,
    Netlink = 15,
    FileV2 = 16,
}

/// <summary>Layer-4 protocol of a socket entry.</summary>
public enum L4Protocol : byte
{
    Unknown = 0,
    NotApplicable = 1,
    Tcp = 2,
    Udp = 3,
    Icmp = 4,
    Raw = 5,
}

/// <summary>
/// One open file descriptor of a thread (fd-list block). Which members are meaningful depends on <see cref="Type"/>:
/// sockets use the address members, unix sockets <see cref="UnixSource"/>/<see cref="UnixDest"/> and <see cref="Name"/>,
/// everything else <see cref="Name"/>.
/// </summary>
public sealed record FdEntry
{
    public long Fd { get; init; }

    public ulong Ino { get; init; }

    public FdType Type { get; init; }

    /// <summary>Path or description (files, directories, fifos, unix sockets, anonymous fds).</summary>
    public string Name { get; init; } = "";

    /// <summary>PPM_O_* flags (<see cref="FdType.FileV2"/> only).</summary>
    public uint OpenFlags { get; init; }

    /// <summary>Device number (<see cref="FdType.FileV2"/> only, when present).</summary>
    public uint? Dev { get; init; }

    /// <summary>Source (or, for server sockets, the bound) address.</summary>
    public IPAddress? SourceIp { get; init; }

    public IPAddress? DestIp { get; init; }

    public ushort SourcePort { get; init; }

    public ushort DestPort { get; init; }

    public L4Protocol L4Proto { get; init; }

    public ulong UnixSource { get; init; }

    public ulong UnixDest { get; init; }
}

/// <summary>The fd table of one thread, as one fd-list block carries it.</summary>
public sealed record FdTable(long Tid, IReadOnlyList<FdEntry> Entries);
