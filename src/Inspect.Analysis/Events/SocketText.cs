using System.Buffers.Binary;
using System.Globalization;
using Inspect.Analysis.State;
using Inspect.Analysis.Text;

namespace Inspect.Analysis.Events;

/// <summary>Socket address and tuple parameters as text (sysdig's rendering, no name resolution).</summary>
internal static class SocketText
{
    public const byte AfUnix = 1;
    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    public static string Address(ReadOnlySpan<byte> p)
    {
        if (p.IsEmpty)
        {
            return "NULL";
        }

        switch (p[0])
        {
            case AfUnix:
                return CText.Sanitize(CText.CString(p[1..]));
            case AfInet:
                return p.Length == 7 ? $"{NetAddress.V4(p[1..])}:{Port(p, 5)}" : "INVALID IPv4";
            case AfInet6:
                return p.Length == 19 ? $"{NetAddress.Inet6(p.Slice(1, 16))}:{Port(p, 17)}" : "INVALID IPv6";
            default:
                return "family " + ((sbyte)p[0]).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string Tuple(ReadOnlySpan<byte> p)
    {
        if (p.IsEmpty)
        {
            return "NULL";
        }

        switch (p[0])
        {
            case AfInet:
                return p.Length == 13
                    ? $"{NetAddress.V4(p[1..])}:{Port(p, 5)}->{NetAddress.V4(p[7..])}:{Port(p, 11)}"
                    : "INVALID IPv4";
            case AfInet6:
                if (p.Length != 37)
                {
                    return "INVALID IPv6";
                }

                if (NetAddress.IsV4Mapped(p.Slice(1, 16)) && NetAddress.IsV4Mapped(p.Slice(19, 16)))
                {
                    return $"{NetAddress.V4(p[13..])}:{Port(p, 17)}->{NetAddress.V4(p[31..])}:{Port(p, 35)}";
                }

                return $"{NetAddress.Inet6(p.Slice(1, 16))}:{Port(p, 17)}->{NetAddress.Inet6(p.Slice(19, 16))}:{Port(p, 35)}";
            case AfUnix:
                var source = p.Length >= 9 ? BinaryPrimitives.ReadUInt64LittleEndian(p[1..]) : 0;
                var dest = p.Length >= 17 ? BinaryPrimitives.ReadUInt64LittleEndian(p[9..]) : 0;
                var path = p.Length > 17 ? CText.Sanitize(CText.CString(p[17..])) : "";
                return $"{source:x}->{dest:x} {path}";
            default:
                return "family " + ((sbyte)p[0]).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static ushort Port(ReadOnlySpan<byte> p, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(p[offset..]);
}
