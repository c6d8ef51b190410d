using System.Buffers.Binary;
using Inspect.Scap.Events;

namespace Inspect.Scap.Reading;

/// <summary>
/// A view over one event inside the reader's buffer: valid until the reader moves on. Nothing is copied or decoded
/// until asked for. Events of version-1 blocks (no nparams in the header) are presented exactly like version-2 ones.
/// </summary>
public readonly ref struct ScapEvent
{
    private readonly ReadOnlySpan<byte> _header;
    private readonly ReadOnlySpan<byte> _lengths;
    private readonly ReadOnlySpan<byte> _values;

    internal ScapEvent(
        ReadOnlySpan<byte> header,
        ReadOnlySpan<byte> lengths,
        ReadOnlySpan<byte> values,
        int paramCount,
        bool wideLengths,
        ushort cpu,
        uint dumpFlags,
        long fileOffset)
    {
        _header = header;
        _lengths = lengths;
        _values = values;
        ParamCount = paramCount;
        WideLengths = wideLengths;
        Cpu = cpu;
        DumpFlags = dumpFlags;
        FileOffset = fileOffset;
    }

    /// <summary>
    /// An event with no parameters over a 26-byte header the caller laid out (timestamp, tid, length, type, nparams):
    /// for events that exist only in a reader's model, such as the per-thread sample csysdig adds at the end of a table.
    /// </summary>
    public static ScapEvent WithoutParameters(ReadOnlySpan<byte> header)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(header.Length, 26);
        return new ScapEvent(header[..26], default, default, 0, false, 0, 0, -1);
    }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public ulong Timestamp => BinaryPrimitives.ReadUInt64LittleEndian(_header);

    /// <summary>Thread id in the host pid namespace; -1 for meta events such as container metadata.</summary>
    public long ThreadId => BinaryPrimitives.ReadInt64LittleEndian(_header[8..]);

    /// <summary>Event type code (even = enter, odd = exit).</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16LittleEndian(_header[20..]);

    /// <summary>Number of parameters (inferred from the lengths for version-1 blocks).</summary>
    public int ParamCount { get; }

    /// <summary>Parameter lengths are u32 (event types with a large payload).</summary>
    public bool WideLengths { get; }

    /// <summary>CPU (or ring-buffer index) the event was captured on.</summary>
    public ushort Cpu { get; }

    /// <summary>Dump flags of EVF blocks (1 = state only, 2 = tracer); 0 for plain event blocks.</summary>
    public uint DumpFlags { get; }

    /// <summary>Offset of the block holding this event.</summary>
    public long FileOffset { get; }

    /// <summary>The event is meant to update a reader's state without being shown (EVF state-only flag).</summary>
    public bool IsStateOnly => (DumpFlags & 1) != 0;

    public bool IsEnter => (Type & 1) == 0;

    /// <summary>Size of the event in the version-2 layout: header, lengths and values.</summary>
    public int EncodedLength => 26 + _lengths.Length + _values.Length;

    /// <summary>The static description of this type, or null for types newer than the event table.</summary>
    public EventInfo? Info => EventTable.TryGet(Type);

    /// <summary>The raw parameter-length array.</summary>
    public ReadOnlySpan<byte> RawLengths => _lengths;

    /// <summary>All parameter values back to back.</summary>
    public ReadOnlySpan<byte> RawValues => _values;

    /// <summary>The bytes of parameter <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Param(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ParamCount);
        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += ParamLength(i);
        }

        return _values.Slice(offset, ParamLength(index));
    }

    /// <summary>The length of parameter <paramref name="index"/>.</summary>
    public int ParamLength(int index) => WideLengths
        ? (int)BinaryPrimitives.ReadUInt32LittleEndian(_lengths[(index * 4)..])
        : BinaryPrimitives.ReadUInt16LittleEndian(_lengths[(index * 2)..]);
}
