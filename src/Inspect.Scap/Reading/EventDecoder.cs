using System.Buffers.Binary;
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

    public static ScapEvent Decode(ReadOnlySpan<byte> body, BlockFormat format, long blockOffset)
    {
        var prefix = format.HasFlags ? 6 : 2;
        var headerSize = format.Version >= 2 ? HeaderV2 : HeaderV1;
        if (body.Length < prefix + headerSize)
        {
            ThrowHelper.Format(blockOffset, $"event block too short: {body.Length} body bytes cannot hold a {headerSize}-byte event header");
        }

        var cpu = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var dumpFlags = format.HasFlags ? BinaryPrimitives.ReadUInt32LittleEndian(body[2..]) : 0u;
        var evt = body[prefix..];
        var eventOffset = blockOffset + 8 + prefix;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(evt[16..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(evt[20..]);
        if (length < headerSize || length > evt.Length)
        {
            ThrowHelper.Format(eventOffset, $"event length {length} is impossible: the header needs {headerSize} bytes and the block holds {evt.Length}");
        }

        var wide = EventTable.HasLargePayload(type);
        var width = wide ? 4 : 2;
        evt = evt[..(int)length];
        if (headerSize == HeaderV2)
        {
            var nparams = BinaryPrimitives.ReadUInt32LittleEndian(evt[22..]);
            var payload = evt[HeaderV2..];
            if (nparams > (uint)(payload.Length / width))
            {
                ThrowHelper.Format(eventOffset, $"event type {type} declares {nparams} parameters whose lengths alone overrun its {length} bytes");
            }

            return Split(evt[..HeaderV2], payload, (int)nparams, wide, cpu, dumpFlags, blockOffset, eventOffset, type);
        }

        var count = InferParamCount(evt, type, eventOffset);
        return Split(evt[..HeaderV1], evt[HeaderV1..], count, wide, cpu, dumpFlags, blockOffset, eventOffset, type);
    }

    private static ScapEvent Split(
        ReadOnlySpan<byte> header,
        ReadOnlySpan<byte> payload,
        int nparams,
        bool wide,
        ushort cpu,
        uint dumpFlags,
        long blockOffset,
        long eventOffset,
        ushort type)
    {
        var lengthsSize = nparams * (wide ? 4 : 2);
        var lengths = payload[..lengthsSize];
        long sum = 0;
        if (wide)
        {
            for (var i = 0; i < lengthsSize; i += 4)
            {
                sum += BinaryPrimitives.ReadUInt32LittleEndian(lengths[i..]);
            }
        }
        else
        {
            for (var i = 0; i < lengthsSize; i += 2)
            {
                sum += BinaryPrimitives.ReadUInt16LittleEndian(lengths[i..]);
            }
        }

        var values = payload[lengthsSize..];
        if (sum > values.Length)
        {
            ThrowHelper.Format(eventOffset, $"parameter lengths of event type {type} add up to {sum} bytes but only {values.Length} follow them");
        }

        return new ScapEvent(header, lengths, values[..(int)sum], nparams, wide, cpu, dumpFlags, blockOffset);
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
