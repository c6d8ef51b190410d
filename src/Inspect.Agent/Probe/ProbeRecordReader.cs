using System.Buffers.Binary;
using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Probe;

/// <summary>
/// Walks the records <see cref="IProbe.Consume"/> put into a buffer (native/README.md, "Record framing"): a 16-byte
/// header (record size, event size, ring), the scap event, zero padding to 8. Hands out views into the buffer, never
/// copies, because this runs for every captured event. The views are writable: redaction masks secrets in place.
/// </summary>
public ref struct ProbeRecordReader(Span<byte> records)
{
    private Span<byte> _remaining = records;

    /// <summary>The next event and the ring it came from; false at the end of the batch.</summary>
    public bool TryRead(out Span<byte> scapEvent, out ushort ring)
    {
        if (_remaining.IsEmpty)
        {
            scapEvent = default;
            ring = 0;
            return false;
        }

        if (_remaining.Length < ProbeRecordHeader.Size)
        {
            throw new InvalidDataException($"probe batch ends with {_remaining.Length} bytes, too few for a record header");
        }

        var recordSize = BinaryPrimitives.ReadUInt32LittleEndian(_remaining);
        var eventSize = BinaryPrimitives.ReadUInt32LittleEndian(_remaining[4..]);
        ring = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[8..]);
        if (recordSize % ProbeRecordHeader.Alignment != 0 || recordSize > (uint)_remaining.Length
            || eventSize > recordSize - ProbeRecordHeader.Size)
        {
            throw new InvalidDataException($"corrupt probe record: record size {recordSize}, event size {eventSize}, {_remaining.Length} bytes left in the batch");
        }

        scapEvent = _remaining.Slice(ProbeRecordHeader.Size, (int)eventSize);
        _remaining = _remaining[(int)recordSize..];
        return true;
    }
}
