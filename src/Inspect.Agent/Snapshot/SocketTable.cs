using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>
/// The sockets of one network namespace, by inode, from /proc/PID/net/{tcp,tcp6,udp,udp6,unix}: what an fd link
/// <c>socket:[INODE]</c> is connected to. Entries have <see cref="FdEntry.Fd"/> 0; the fd table fills it in.
/// </summary>
public sealed class SocketTable
{
    private const string TcpListen = "0A";

    private readonly Dictionary<ulong, FdEntry> _byInode = [];

    public int Count => _byInode.Count;

    /// <summary>Reads the tables of the namespace <paramref name="netDirectory"/> (e.g. /proc/1234/net) belongs to.</summary>
    public static SocketTable Read(string netDirectory)
    {
        var table = new SocketTable();
        table.AddInet(ProcFiles.ReadText(Path.Combine(netDirectory, "tcp")), L4Protocol.Tcp, ipv6Table: false);
        table.AddInet(ProcFiles.ReadText(Path.Combine(netDirectory, "tcp6")), L4Protocol.Tcp, ipv6Table: true);
        table.AddInet(ProcFiles.ReadText(Path.Combine(netDirectory, "udp")), L4Protocol.Udp, ipv6Table: false);
        table.AddInet(ProcFiles.ReadText(Path.Combine(netDirectory, "udp6")), L4Protocol.Udp, ipv6Table: true);
        table.AddUnix(ProcFiles.ReadText(Path.Combine(netDirectory, "unix")));
        return table;
    }

    public FdEntry? Find(ulong inode) => _byInode.GetValueOrDefault(inode);

    /// <summary>Parses one tcp/udp table ("sl local rem st ... inode"); addresses are the kernel's words printed in host order.</summary>
    internal void AddInet(string? text, L4Protocol protocol, bool ipv6Table)
    {
        foreach (var line in Lines(text))
        {
            var v6 = ipv6Table;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || !ulong.TryParse(f[9], CultureInfo.InvariantCulture, out var inode) || inode == 0)
            {
                continue;
            }

            var (localIp, localPort) = Endpoint(f[1]);
            var (remoteIp, remotePort) = Endpoint(f[2]);

            // A dual-stack socket talking IPv4 shows in tcp6 with IPv4-mapped addresses; it is an IPv4 connection
            // to the reader (libscap converts it the same way).
            if (v6 && localIp.IsIPv4MappedToIPv6 && (remoteIp.IsIPv4MappedToIPv6 || IsAny(remoteIp)))
            {
                localIp = localIp.MapToIPv4();
                remoteIp = remoteIp.IsIPv4MappedToIPv6 ? remoteIp.MapToIPv4() : IPAddress.Any;
                v6 = false;
            }

            var listening = protocol == L4Protocol.Tcp ? f[3] == TcpListen : remotePort == 0 && IsAny(remoteIp);
            _byInode[inode] = listening
                ? new FdEntry { Ino = inode, Type = v6 ? FdType.IPv6ServerSocket : FdType.IPv4ServerSocket, SourceIp = localIp, SourcePort = localPort, L4Proto = protocol }
                : new FdEntry
                {
                    Ino = inode,
                    Type = v6 ? FdType.IPv6Socket : FdType.IPv4Socket,
                    SourceIp = localIp,
                    SourcePort = localPort,
                    DestIp = remoteIp,
                    DestPort = remotePort,
                    L4Proto = protocol,
                };
        }
    }

    /// <summary>Parses /proc/net/unix ("Num RefCount Protocol Flags Type St Inode [Path]"); Num, a kernel address, serves as the socket's id.</summary>
    internal void AddUnix(string? text)
    {
        foreach (var line in Lines(text))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 7 || !ulong.TryParse(f[6], CultureInfo.InvariantCulture, out var inode) || inode == 0)
            {
                continue;
            }

            ulong.TryParse(f[0].TrimEnd(':'), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address);
            _byInode[inode] = new FdEntry { Ino = inode, Type = FdType.UnixSocket, UnixSource = address, Name = f.Length > 7 ? f[7] : "" };
        }
    }

    private static IEnumerable<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);

    private static (IPAddress Address, ushort Port) Endpoint(string hex)
    {
        var colon = hex.IndexOf(':', StringComparison.Ordinal);
        var addressHex = hex.AsSpan(0, colon);
        var port = ushort.Parse(hex.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Span<byte> bytes = stackalloc byte[addressHex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(addressHex.Slice(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], value);
        }

        return (new IPAddress(bytes), port);
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
