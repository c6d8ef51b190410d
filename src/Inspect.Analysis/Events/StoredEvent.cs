using System.Buffers.Binary;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Analysis.Events;

/// <summary>
/// A copy of an enter event kept on its thread until the matching exit arrives (sysdig's "last event data"): exits
/// whose parameters live in the enter event read them from here.
/// </summary>
internal sealed class StoredEvent
{
    private byte[] _lengths = new byte[64];
    private byte[] _values = new byte[512];
    private int _lengthBytes;
    private int _valueBytes;
    private bool _wide;

    public ushort Type { get; private set; }

    public int ParamCount { get; private set; }

    public void CopyFrom(in ScapEvent evt, EventInfo info)
    {
        Type = evt.Type;
        _wide = evt.WideLengths;
        ParamCount = Math.Min(evt.ParamCount, info.ParamCount);
        var lengths = evt.RawLengths;
        var values = evt.RawValues;
        if (_lengths.Length < lengths.Length)
        {
            _lengths = new byte[lengths.Length];
        }

        if (_values.Length < values.Length)
        {
            _values = new byte[Math.Max(values.Length, _values.Length * 2)];
        }

        lengths.CopyTo(_lengths);
        values.CopyTo(_values);
        _lengthBytes = lengths.Length;
        _valueBytes = values.Length;
    }

    public ReadOnlySpan<byte> Param(int index)
    {
        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += Length(i);
        }

        var len = Length(index);
        return offset + len <= _valueBytes ? _values.AsSpan(offset, len) : [];
    }

    private int Length(int i) => _wide
        ? (int)BinaryPrimitives.ReadUInt32LittleEndian(_lengths.AsSpan(i * 4, Math.Min(4, _lengthBytes - (i * 4))))
        : BinaryPrimitives.ReadUInt16LittleEndian(_lengths.AsSpan(i * 2, Math.Min(2, _lengthBytes - (i * 2))));
}
