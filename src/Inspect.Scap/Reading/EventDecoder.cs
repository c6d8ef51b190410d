using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Inspect.Scap.Events;
using Inspect.Scap.Format;

namespace Inspect.Scap.Reading;

/// <summary>
/// Validates the event inside an event block and locates its parts. Every length is checked against the block, so a
/// corrupt event is reported with its offset instead of being read past its end.
/// </summary>
internal static class EventDecoder
{
    public const int HeaderV2 = 26;
    public const int HeaderV1 = 22;

    // Event types whose old-format length was written 3 bytes too long (notification 280 and infrastructure event 286).
    private const ushort NotificationEvent = 280;
    private const ushort InfrastructureEvent = 286;

    /// <summary>
    /// The common case, a plain version-2 event block (EV_V2), with the same checks as <see cref="Decode"/> but read
    /// through unchecked references once the event's bounds are known: this runs for every event of a capture.
    /// </summary>
    public static EventLayout DecodeV2(ReadOnlySpan<byte> body, long blockOffset)
    {
        const int Prefix = 2;
        if (body.Length < Prefix + HeaderV2)
        {
            ThrowHelper.Format(blockOffset, $"event block too short: {body.Length} body bytes cannot hold a {HeaderV2}-byte event header");
        }

        ref var evt = ref Unsafe.Add(ref MemoryMarshal.GetReference(body), Prefix);
        var length = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref evt, 16));
        var type = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref evt, 20));
        var declared = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref evt, 22));
        if (length < HeaderV2 || length > (uint)(body.Length - Prefix))
        {
            return Decode(body, Formats.EventV2, blockOffset);
        }

        var wide = EventTable.HasLargePayload(type);
        if (wide || declared > (length - HeaderV2) / 2)
        {
            return Decode(body, Formats.EventV2, blockOffset);
        }

        var nparams = (int)declared;
        long sum = 0;
        ref var lengths = ref Unsafe.Add(ref evt, HeaderV2);
        for (var i = 0; i < nparams; i++)
        {
            sum += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref lengths, 2 * i));
        }

        var available = (int)length - HeaderV2 - (2 * nparams);
        if (sum > available)
        {
            ThrowHelper.Format(blockOffset + 8 + Prefix, $"parameter lengths of event type {type} add up to {sum} bytes but only {available} follow them");
        }

        return new EventLayout(Prefix, HeaderV2, nparams, false, 2 * nparams, (int)sum);
    }

    /// <summary>Validates the event of an event block's body and returns where its parts are.</summary>
    public static EventLayout Decode(ReadOnlySpan<byte> body, BlockFormat format, long blockOffset)
    {
        var prefix = format.HasFlags ? 6 : 2;
        var headerSize = format.Version >= 2 ? HeaderV2 : HeaderV1;
        if (body.Length < prefix + headerSize)
        {
            ThrowHelper.Format(blockOffset, $"event block too short: {body.Length} body bytes cannot hold a {headerSize}-byte event header");
        }

        var evt = body[prefix..];
        var eventOffset = blockOffset + 8 + prefix;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(evt[16..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(evt[20..]);
        if (length < headerSize || length > evt.Length)
        {
            ThrowHelper.Format(eventOffset, $"event length {length} is impossible: the header needs {headerSize} bytes and the block holds {evt.Length}");
        }

        var wide = EventTable.HasLargePayload(type);
        evt = evt[..(int)length];
        int nparams;
        if (headerSize == HeaderV2)
        {
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(evt[22..]);
            if (declared > (uint)((length - HeaderV2) / (wide ? 4 : 2)))
            {
                ThrowHelper.Format(eventOffset, $"event type {type} declares {declared} parameters whose lengths alone overrun its {length} bytes");
            }

            nparams = (int)declared;
        }
        else
        {
            nparams = InferParamCount(evt, type, eventOffset);
        }

        var lengthsSize = nparams * (wide ? 4 : 2);
        var lengths = evt.Slice(headerSize, lengthsSize);
        var sum = wide ? SumU32(lengths) : SumU16(lengths);
        var available = (int)length - headerSize - lengthsSize;
        if (sum > available)
        {
            ThrowHelper.Format(eventOffset, $"parameter lengths of event type {type} add up to {sum} bytes but only {available} follow them");
        }

        return new EventLayout(prefix, headerSize, nparams, wide, lengthsSize, (int)sum);
    }

    private static long SumU16(ReadOnlySpan<byte> lengths)
    {
        long sum = 0;
        for (var i = 0; i + 1 < lengths.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(lengths[i..]);
        }

        return sum;
    }

    private static long SumU32(ReadOnlySpan<byte> lengths)
    {
        long sum = 0;
        for (var i = 0; i + 3 < lengths.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32LittleEndian(lengths[i..]);
        }

        return sum;
    }

    // Version-1 events carry no parameter count: take the largest count, up to the table's, whose lengths add up to
    // exactly the event's size (libscap's conversion rule, including its fix for two types written 3 bytes long).
    private static int InferParamCount(ReadOnlySpan<byte> evt, ushort type, long eventOffset)
    {
        var info = EventTable.TryGet(type);
        if (info is null)
        {
            return 0;
        }

        var end = evt.Length;
        if (type is NotificationEvent or InfrastructureEvent)
        {
            end -= 3;
        }

        for (var n = info.Parameters.Count; n >= 0; n--)
        {
            long position = HeaderV1 + (2L * n);
            if (position > end)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                position += BinaryPrimitives.ReadUInt16LittleEndian(evt[(HeaderV1 + (2 * i))..]);
            }

            if (position == end)
            {
                return n;
            }

            if (position < end)
            {
                break;
            }
        }

        return ThrowHelper.Format<int>(eventOffset, $"cannot infer the parameter count of version-1 event type {type}: no count makes its lengths add up to {end} bytes");
    }
}

/// <summary>Block formats the hot path compares against without classifying the block again.</summary>
internal static class Formats
{
    public static readonly BlockFormat EventV2 = BlockTypes.Describe(BlockTypes.EventV2);
}

/// <summary>Where the parts of a validated event lie inside its block's body.</summary>
/// <param name="Prefix">Bytes before the event header: the cpu id, and the flags word of EVF blocks.</param>
/// <param name="HeaderSize">26 for version-2 events, 22 for version-1 events (no nparams).</param>
/// <param name="ParamCount">Number of parameters, read or inferred.</param>
/// <param name="WideLengths">Parameter lengths are u32.</param>
/// <param name="LengthsSize">Bytes of the parameter-length array.</param>
/// <param name="ValuesSize">Bytes of the parameter values.</param>
internal readonly record struct EventLayout(int Prefix, int HeaderSize, int ParamCount, bool WideLengths, int LengthsSize, int ValuesSize)
{
    /// <summary>The event inside <paramref name="body"/>, the body this layout was decoded from.</summary>
    public ScapEvent View(ReadOnlySpan<byte> body, long blockOffset) =>
        new(body[..(Prefix + HeaderSize + LengthsSize + ValuesSize)], Prefix, HeaderSize, ParamCount, WideLengths, LengthsSize, blockOffset);
}
