using System.Buffers.Binary;
using System.Net;

namespace Inspect.Analysis.State;

/// <summary>An IPv4 or IPv6 address held by value (network byte order), cheap to compare and copy.</summary>
public readonly record struct NetAddress(ulong High, ulong Low, bool IsV6)
{
    /// <summary>The IPv4 address 0.0.0.0.</summary>
    public static readonly NetAddress AnyV4;

    /// <summary>The IPv4 address in the four bytes at <paramref name="bytes"/> (network order).</summary>
    public static NetAddress V4(ReadOnlySpan<byte> bytes) => new(0, BinaryPrimitives.ReadUInt32BigEndian(bytes), false);

    /// <summary>The IPv6 address in the 16 bytes at <paramref name="bytes"/>.</summary>
    public static NetAddress V6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), true);

    /// <summary>From a parsed <see cref="IPAddress"/>.</summary>
    public static NetAddress From(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var n);
        return n == 4 ? V4(b) : V6(b);
    }

    /// <summary>The IPv4 value as a host-order integer (v4 only).</summary>
    public uint V4Value => (uint)Low;

    /// <summary>All zeros (v4 0.0.0.0 or v6 ::).</summary>
    public bool IsZero => High == 0 && Low == 0;

    /// <summary>Whether a v6 address is an IPv4-mapped one (::ffff:a.b.c.d) or all zeros, which sysdig treats as IPv4.</summary>
    public static bool IsV4Mapped(ReadOnlySpan<byte> b16) =>
        b16[..10].IndexOfAnyExcept((byte)0) < 0 &&
        ((b16[10] == 0xFF && b16[11] == 0xFF) || b16[10..].IndexOfAnyExcept((byte)0) < 0);

    /// <summary>Raw bytes in network order (4 or 16).</summary>
    public byte[] ToBytes()
    {
        if (!IsV6)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, V4Value);
            return b;
        }

        var v6 = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, High);
        BinaryPrimitives.WriteUInt64BigEndian(v6.AsSpan(8), Low);
        return v6;
    }

    /// <summary>Dotted quad for IPv4, inet_ntop form for IPv6.</summary>
    public override string ToString()
    {
        if (!IsV6)
        {
            var v = V4Value;
            return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }

        return Inet6(ToBytes());
    }

    /// <summary>inet_ntop(AF_INET6): longest run of two or more zero groups becomes "::"; IPv4-mapped and -compatible forms keep a dotted tail.</summary>
    public static string Inet6(ReadOnlySpan<byte> b)
    {
        Span<ushort> g = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            g[i] = BinaryPrimitives.ReadUInt16BigEndian(b[(i * 2)..]);
        }

        int bestStart = -1, bestLen = 0;
        for (var i = 0; i < 8;)
        {
            if (g[i] != 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < 8 && g[j] == 0)
            {
                j++;
            }

            if (j - i > bestLen)
            {
                bestStart = i;
                bestLen = j - i;
            }

            i = j;
        }

        if (bestLen < 2)
        {
            bestStart = -1;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLen)
            {
                if (i == bestStart)
                {
                    sb.Append(':');
                }

                continue;
            }

            if (i != 0)
            {
                sb.Append(':');
            }

            // glibc prints an embedded IPv4 address for ::a.b.c.d and ::ffff:a.b.c.d.
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xFFFF)))
            {
                sb.Append($"{b[12]}.{b[13]}.{b[14]}.{b[15]}");
                break;
            }

            sb.Append(g[i].ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (bestStart >= 0 && bestStart + bestLen == 8)
        {
            sb.Append(':');
        }

        return sb.ToString();
    }
}
