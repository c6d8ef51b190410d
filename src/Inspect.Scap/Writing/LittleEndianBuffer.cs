using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Inspect.Scap.Writing;

/// <summary>A growable byte buffer with little-endian appends, reused across blocks to avoid per-block allocations.</summary>
internal sealed class LittleEndianBuffer : IDisposable
{
    private byte[] _data;

    public LittleEndianBuffer(int initialCapacity = 4096)
    {
        _data = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public Span<byte> Reserve(int count)
    {
        if (Length + count > _data.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, Length + count));
            _data.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = bigger;
        }

        var span = _data.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void I32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void I64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>Appends a string as a u16 length and its UTF-8 bytes (no NUL), cut to <paramref name="maxBytes"/>.</summary>
    public void Str16(string value, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Bytes16(bytes.AsSpan(0, Math.Min(bytes.Length, maxBytes)));
    }

    /// <summary>Appends raw bytes as a u16 length and the bytes.</summary>
    public void Bytes16(ReadOnlySpan<byte> value)
    {
        U16(checked((ushort)value.Length));
        Bytes(value);
    }

    /// <summary>Appends zero bytes up to the next multiple of four.</summary>
    public void PadTo4()
    {
        var padding = (4 - (Length & 3)) & 3;
        Reserve(padding).Clear();
    }

    public void PatchU32(int position, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_data.AsSpan(position), value);

    public void Dispose()
    {
        if (_data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = [];
        }
    }
}
