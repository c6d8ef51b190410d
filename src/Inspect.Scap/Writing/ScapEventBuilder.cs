using System.Buffers.Binary;
using System.Text;
using Inspect.Scap.Events;

namespace Inspect.Scap.Writing;

/// <summary>
/// Encodes one event in the version-2 layout (26-byte header, parameter lengths, values). Parameter lengths are u16,
/// or u32 for event types with a large payload. Reuse one builder for many events: <see cref="Begin"/> resets it.
/// </summary>
/// <example><code>
/// builder.Begin(307, ts, tid).Fd(3).Fd(-100).Path("/etc/passwd").UInt32(1).UInt32(0).UInt32(0);
/// writer.WriteEvent(builder.Build(), cpu: 0);
/// </code></example>
public sealed class ScapEventBuilder : IDisposable
{
    private readonly LittleEndianBuffer _lengths = new(256);
    private readonly LittleEndianBuffer _values = new(4096);
    private readonly LittleEndianBuffer _event = new(4096);
    private ushort _type;
    private ulong _timestamp;
    private long _threadId;
    private bool _wide;
    private int _count;

    /// <summary>Starts a new event, discarding any previous one.</summary>
    public ScapEventBuilder Begin(ushort type, ulong timestamp, long threadId)
    {
        _type = type;
        _timestamp = timestamp;
        _threadId = threadId;
        _wide = EventTable.HasLargePayload(type);
        _count = 0;
        _lengths.Clear();
        _values.Clear();
        return this;
    }

    public ScapEventBuilder Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        return this;
    }

    public ScapEventBuilder UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return this;
    }

    public ScapEventBuilder Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public ScapEventBuilder UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public ScapEventBuilder UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        return this;
    }

    public ScapEventBuilder UInt8(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    /// <summary>An fd, errno, pid or 64-bit return value (all eight bytes, signed).</summary>
    public ScapEventBuilder Fd(long value) => Int64(value);

    /// <summary>A CHARBUF or path parameter: UTF-8 bytes plus the terminating NUL counted in the length.</summary>
    public ScapEventBuilder Path(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var span = Reserve(bytes.Length + 1);
        bytes.CopyTo(span);
        span[^1] = 0;
        return this;
    }

    /// <summary>A BYTEBUF (or any pre-encoded variable-size) parameter, copied as is, without a NUL.</summary>
    public ScapEventBuilder Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary>An empty parameter (only valid for variable-size types).</summary>
    public ScapEventBuilder Empty() => Bytes([]);

    /// <summary>The encoded event; valid until the next <see cref="Begin"/>.</summary>
    public ReadOnlySpan<byte> Build()
    {
        _event.Clear();
        var length = 26 + _lengths.Length + _values.Length;
        _event.U64(_timestamp);
        _event.I64(_threadId);
        _event.U32((uint)length);
        _event.U16(_type);
        _event.U32((uint)_count);
        _event.Bytes(_lengths.Written);
        _event.Bytes(_values.Written);
        return _event.Written;
    }

    public void Dispose()
    {
        _lengths.Dispose();
        _values.Dispose();
        _event.Dispose();
    }

    private Span<byte> Reserve(int size)
    {
        if (_wide)
        {
            _lengths.U32((uint)size);
        }
        else
        {
            if (size > ushort.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(size), $"parameter of {size} bytes does not fit a u16 length (event type {_type})");
            }

            _lengths.U16((ushort)size);
        }

        _count++;
        return _values.Reserve(size);
    }
}
