using System.Buffers.Binary;
using System.Text;
using Inspect.Scap.Format;

namespace Inspect.Scap.Reading;

/// <summary>
/// Little-endian cursor over a span that knows the absolute file offset of its first byte, so every overrun is
/// reported as a <see cref="ScapFormatException"/> naming where it happened and which field was being read.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;

    public SpanReader(ReadOnlySpan<byte> data, long baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly long Offset => _baseOffset + _position;

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int I32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public long I64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    /// <summary>A string stored as a u16 length followed by that many bytes, no NUL.</summary>
    public string Str16(string field) => Encoding.UTF8.GetString(Bytes16(field));

    /// <summary>Raw bytes stored as a u16 length followed by that many bytes.</summary>
    public ReadOnlySpan<byte> Bytes16(string field)
    {
        var length = U16(field + " length");
        return Take(length, field);
    }

    public ReadOnlySpan<byte> Take(int count, string field)
    {
        if ((uint)count > (uint)Remaining)
        {
            ThrowHelper.Format(Offset, $"{field}: needs {count} bytes but only {Remaining} remain in the enclosing structure");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public void Skip(int count, string field) => Take(count, field);
}
