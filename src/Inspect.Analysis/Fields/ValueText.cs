using System.Globalization;

namespace Inspect.Analysis.Fields;

/// <summary>Field values as text and JSON, following sysdig's rules per type and print format.</summary>
public static class ValueText
{
    public static string? Format(FieldValue v, FieldType type, FieldFormat format)
    {
        switch (v.Kind)
        {
            case FieldValueKind.Null:
                return null;
            case FieldValueKind.Text:
                return v.Text;
            case FieldValueKind.Bytes:
                return Text.CText.Dots(v.Bytes);
            case FieldValueKind.Address:
                return v.Address.ToString();
            case FieldValueKind.Real:
                return v.Real.ToString("F1", CultureInfo.InvariantCulture);
        }

        var n = v.Integer;
        switch (type)
        {
            case FieldType.Bool:
                return n != 0 ? "true" : "false";
            case FieldType.Int16:
                return format == FieldFormat.Hex ? ((ushort)n).ToString("X", CultureInfo.InvariantCulture) : ((short)n).ToString(CultureInfo.InvariantCulture);
            case FieldType.Int32:
                return format == FieldFormat.Hex ? ((uint)n).ToString("X", CultureInfo.InvariantCulture) : ((int)n).ToString(CultureInfo.InvariantCulture);
            case FieldType.Int64:
                return format switch
                {
                    FieldFormat.Hex => ((ulong)n).ToString("X", CultureInfo.InvariantCulture),
                    FieldFormat.PaddedDecimal => n.ToString("D9", CultureInfo.InvariantCulture),
                    _ => n.ToString(CultureInfo.InvariantCulture),
                };
            case FieldType.UInt32:
                return format is FieldFormat.Decimal or FieldFormat.Id or FieldFormat.Hex ? ((uint)n).ToString(CultureInfo.InvariantCulture) : null;
            case FieldType.Port:
                return ((ushort)n).ToString(CultureInfo.InvariantCulture);
            case FieldType.UInt64 or FieldType.RelTime:
                return format switch
                {
                    FieldFormat.Hex => ((ulong)n).ToString("X", CultureInfo.InvariantCulture),
                    FieldFormat.PaddedDecimal => ((ulong)n).ToString("D9", CultureInfo.InvariantCulture),
                    FieldFormat.Decimal or FieldFormat.Id => ((ulong)n).ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
            default:
                return n.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The JSON form: numbers for decimal formats, booleans, otherwise null (meaning "use the text").</summary>
    public static object? Json(FieldValue v, FieldType type, FieldFormat format)
    {
        if (v.Kind != FieldValueKind.Integer)
        {
            return null;
        }

        var n = v.Integer;
        var dec = format is FieldFormat.Decimal or FieldFormat.Id;
        return type switch
        {
            FieldType.Bool => n != 0,
            FieldType.Int16 when dec => (long)(short)n,
            FieldType.Int32 when dec => (long)(int)n,
            FieldType.Int64 when dec => n,
            FieldType.UInt32 when dec => (ulong)(uint)n,
            FieldType.Port when dec => (ulong)(ushort)n,
            FieldType.UInt64 or FieldType.RelTime when dec => (ulong)n,
            _ => null,
        };
    }
}
