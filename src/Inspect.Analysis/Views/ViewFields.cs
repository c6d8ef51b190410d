using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.State;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Views;

/// <summary>Reads a view column's value from an event.</summary>
public delegate ViewCell ViewExtractor(ref EventContext ctx);

/// <summary>
/// The columns csysdig's views use that are not general-purpose fields (evt.type.is.3, the addresses as csysdig 0.29
/// prints them), and the binding of every other column to the field registry.
/// </summary>
public static class ViewFields
{
    /// <summary>1 for open() exits (event type 3), as csysdig's "OPENS" column counts.</summary>
    public const string Opens = "evt.type.is.3";

    public const string LocalIp = "fd.lip";
    public const string RemoteIp = "fd.rip";

    private const ushort OpenExit = 3;

    /// <summary>The extractor of a column (or key) field.</summary>
    /// <exception cref="FieldException">Unknown field.</exception>
    public static ViewExtractor Bind(ViewColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var address = column.Kind == ViewCellKind.Address;
        return column.Field switch
        {
            Opens => static (ref EventContext c) => ViewCell.Of(c.Type == OpenExit ? 1L : 0L),
            LocalIp when address => static (ref EventContext c) => Address(ref c, local: true),
            RemoteIp when address => static (ref EventContext c) => Address(ref c, local: false),
            _ => Registry(FieldRegistry.Bind(column.Field)),
        };
    }

    private static ViewExtractor Registry(BoundField bound) => (ref EventContext c) =>
    {
        var v = bound.Extract(ref c);
        return v.Kind switch
        {
            FieldValueKind.Null => ViewCell.Null,
            FieldValueKind.Integer => ViewCell.Of(v.Integer),
            FieldValueKind.Real => ViewCell.Of(v.Real),
            _ => ViewCell.Of(bound.ToText(ref c)),
        };
    };

    // csysdig 0.29 stores every IPADDR cell as 16 bytes read from where the field points: for IPv6 that is the
    // address, for IPv4 it is the 4-byte address followed by the rest of the packed tuple (sip, dip, sport, dport,
    // l4proto) and zeros. Reproduced so the JSON is the same.
    private static ViewCell Address(ref EventContext c, bool local)
    {
        if (FdFields.Resolve(ref c, out var t) is not { IsIpSocket: true, RoleNone: false } f)
        {
            return ViewCell.Null;
        }

        var useSource = local == c.Engine.IsLocal(f.SourceIp, t!);
        if (f.SourceIp.IsV6 || f.DestIp.IsV6)
        {
            return ViewCell.Of(NetAddress.Inet6((useSource ? f.SourceIp : f.DestIp).ToBytes()));
        }

        Span<byte> tuple = stackalloc byte[24];
        tuple.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tuple, f.SourceIp.V4Value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tuple[4..], f.DestIp.V4Value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tuple[8..], f.SourcePort);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tuple[10..], f.DestPort);
        tuple[12] = (byte)f.L4Proto;
        return ViewCell.Of(NetAddress.Inet6(tuple.Slice(useSource ? 0 : 4, 16)));
    }
}
