using System.Net;
using System.Net.Sockets;

namespace Inspect.Scap.Writing;

/// <summary>
/// The driver's socket parameter encodings (FORMAT.md §2.4): a PPM_AF family byte, addresses in network order,
/// ports as little-endian u16 numbers.
/// </summary>
public static class SocketEncoding
{
    public const byte FamilyUnix = 1;
    public const byte FamilyInet = 2;
    public const byte FamilyInet6 = 10;

    /// <summary>A SOCKADDR parameter (connect enter, bind exit): family, address, port.</summary>
    public static byte[] SockAddr(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var address = endpoint.Address.GetAddressBytes();
        var result = new byte[1 + address.Length + 2];
        result[0] = Family(endpoint);
        address.CopyTo(result, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(1 + address.Length), (ushort)endpoint.Port);
        return result;
    }

    /// <summary>
    /// A SOCKTUPLE parameter. For outbound calls (connect, send) <paramref name="source"/> is the local end; for
    /// inbound ones (accept, recv) it is the remote peer, as the driver writes them.
    /// </summary>
    public static byte[] SockTuple(IPEndPoint source, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException("both ends of a tuple must have the same address family");
        }

        var s = source.Address.GetAddressBytes();
        var d = destination.Address.GetAddressBytes();
        var result = new byte[1 + s.Length + 2 + d.Length + 2];
        result[0] = Family(source);
        s.CopyTo(result, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(1 + s.Length), (ushort)source.Port);
        d.CopyTo(result, 3 + s.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(3 + s.Length + d.Length), (ushort)destination.Port);
        return result;
    }

    private static byte Family(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? FamilyInet6 : FamilyInet;
}
