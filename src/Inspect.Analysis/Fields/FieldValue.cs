using Inspect.Analysis.State;

namespace Inspect.Analysis.Fields;

/// <summary>What a field extracted from one event: nothing (sysdig's NULL), a number, a string, bytes or an address.</summary>
public readonly ref struct FieldValue
{
    private FieldValue(FieldValueKind kind, long integer, double real, string? text, ReadOnlySpan<byte> bytes, NetAddress address)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
        Bytes = bytes;
        Address = address;
    }

    public FieldValueKind Kind { get; }

    /// <summary>Signed or unsigned (reinterpreted) integer, and 0/1 for booleans.</summary>
    public long Integer { get; }

    public double Real { get; }

    public string? Text { get; }

    public ReadOnlySpan<byte> Bytes { get; }

    public NetAddress Address { get; }

    public bool IsNull => Kind == FieldValueKind.Null;

    public static FieldValue Null => default;

    public static FieldValue Of(long value) => new(FieldValueKind.Integer, value, 0, null, default, default);

    public static FieldValue Of(ulong value) => new(FieldValueKind.Integer, unchecked((long)value), 0, null, default, default);

    public static FieldValue Of(bool value) => new(FieldValueKind.Integer, value ? 1 : 0, 0, null, default, default);

    public static FieldValue Of(double value) => new(FieldValueKind.Real, 0, value, null, default, default);

    public static FieldValue Of(string? value) => value is null ? Null : new(FieldValueKind.Text, 0, 0, value, default, default);

    public static FieldValue Of(ReadOnlySpan<byte> value) => new(FieldValueKind.Bytes, 0, 0, null, value, default);

    public static FieldValue Of(NetAddress value) => new(FieldValueKind.Address, 0, 0, null, default, value);
}

public enum FieldValueKind
{
    Null,
    Integer,
    Real,
    Text,
    Bytes,
    Address,
}
