using System.Buffers.Binary;
using Inspect.Scap.Events;

namespace Inspect.Scap.Reading;

/// <summary>
/// A view over one event inside the reader's buffer: valid until the reader moves on. Nothing is copied or decoded
/// until asked for. Events of version-1 blocks (no nparams in the header) are presented exactly like version-2 ones.
/// </summary>
public readonly ref struct ScapEvent
{
    // One span from the block body's first byte (the cpu id, and the flags word of EVF blocks) to the end of the
    // parameter values: the header, lengths and values are found by offsets into it rather than kept as spans of
    // their own, which keeps the view small and cheap to build for every event.
    private readonly ReadOnlySpan<byte> _event;
    private readonly int _lengthsSize;
    private readonly byte _prefix;
    private readonly byte _headerSize;

    internal ScapEvent(ReadOnlySpan<byte> bodyToValuesEnd, int prefix, int headerSize, int paramCount, bool wideLengths, int lengthsSize, long fileOffset)
    {
        _event = bodyToValuesEnd;
        _prefix = (byte)prefix;
        _headerSize = (byte)headerSize;
        _lengthsSize = lengthsSize;
        ParamCount = paramCount;
        WideLengths = wideLengths;
        FileOffset = fileOffset;
    }

    /// <summary>
    /// A parameterless event built from header fields into <paramref name="buffer"/> (at least 26 bytes), for
    /// evaluating filters against state rather than a recorded event, as sysdig does when a chisel filters its thread
    /// table with a read-exit event that carries no parameters.
    /// </summary>
    public static ScapEvent Synthetic(Span<byte> buffer, ulong timestamp, long threadId, ushort type)
    {
        const int headerSize = 26;
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, headerSize, nameof(buffer));
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, timestamp);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[8..], threadId);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[16..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[20..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[22..], 0);
        return new ScapEvent(buffer[..headerSize], 0, headerSize, 0, false, 0, -1);
    }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public ulong Timestamp => BinaryPrimitives.ReadUInt64LittleEndian(_event[_prefix..]);

    /// <summary>Thread id in the host pid namespace; -1 for meta events such as container metadata.</summary>
    public long ThreadId => BinaryPrimitives.ReadInt64LittleEndian(_event[(_prefix + 8)..]);

    /// <summary>Event type code (even = enter, odd = exit).</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16LittleEndian(_event[(_prefix + 20)..]);

    /// <summary>Number of parameters (inferred from the lengths for version-1 blocks).</summary>
    public int ParamCount { get; }

    /// <summary>Parameter lengths are u32 (event types with a large payload).</summary>
    public bool WideLengths { get; }

    /// <summary>CPU (or ring-buffer index) the event was captured on.</summary>
    public ushort Cpu => _prefix == 0 ? (ushort)0 : BinaryPrimitives.ReadUInt16LittleEndian(_event);

    /// <summary>Dump flags of EVF blocks (1 = state only, 2 = tracer); 0 for plain event blocks.</summary>
    public uint DumpFlags => _prefix == 6 ? BinaryPrimitives.ReadUInt32LittleEndian(_event[2..]) : 0u;

    /// <summary>Offset of the block holding this event.</summary>
    public long FileOffset { get; }

    /// <summary>The event is meant to update a reader's state without being shown (EVF state-only flag).</summary>
    public bool IsStateOnly => (DumpFlags & 1) != 0;

    public bool IsEnter => (Type & 1) == 0;

    /// <summary>Size of the event in the version-2 layout: header, lengths and values.</summary>
    public int EncodedLength => 26 + _event.Length - _prefix - _headerSize;

    /// <summary>The static description of this type, or null for types newer than the event table.</summary>
    public EventInfo? Info => EventTable.TryGet(Type);

    /// <summary>The raw parameter-length array.</summary>
    public ReadOnlySpan<byte> RawLengths => _event.Slice(_prefix + _headerSize, _lengthsSize);

    /// <summary>All parameter values back to back.</summary>
    public ReadOnlySpan<byte> RawValues => _event[(_prefix + _headerSize + _lengthsSize)..];

    /// <summary>The bytes of parameter <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Param(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ParamCount);
        var lengths = _event.Slice(_prefix + _headerSize, _lengthsSize);
        var offset = _prefix + _headerSize + _lengthsSize;
        int length;
        if (WideLengths)
        {
            for (var i = 0; i < index; i++)
            {
                offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(lengths[(i * 4)..]);
            }

            length = (int)BinaryPrimitives.ReadUInt32LittleEndian(lengths[(index * 4)..]);
        }
        else
        {
            for (var i = 0; i < index; i++)
            {
                offset += BinaryPrimitives.ReadUInt16LittleEndian(lengths[(i * 2)..]);
            }

            length = BinaryPrimitives.ReadUInt16LittleEndian(lengths[(index * 2)..]);
        }

        return _event.Slice(offset, length);
    }

    /// <summary>The length of parameter <paramref name="index"/>.</summary>
    public int ParamLength(int index) => WideLengths
        ? (int)BinaryPrimitives.ReadUInt32LittleEndian(RawLengths[(index * 4)..])
        : BinaryPrimitives.ReadUInt16LittleEndian(RawLengths[(index * 2)..]);
}
