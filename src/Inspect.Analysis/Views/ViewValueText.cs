using System.Globalization;

namespace Inspect.Analysis.Views;

/// <summary>
/// A view cell as csysdig shows it: averages divided by their count (or, for per-second averages, by the capture's
/// length in seconds), durations as short human text, doubles as its JSON library prints them.
/// </summary>
public static class ViewValueText
{
    private const double NanosPerSecond = 1e9;

    /// <summary>The JSON value csysdig prints for a cell: a long, a double or a string.</summary>
    public static object Value(ViewColumn column, ViewCell cell, ulong timeDeltaNs)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (cell.IsNull)
        {
            return "";
        }

        switch (column.Kind)
        {
            case ViewCellKind.Text or ViewCellKind.Address:
                return cell.Text ?? "";
            case ViewCellKind.Real:
                return cell.Real / Divisor(column, cell, timeDeltaNs);
            default:
                if (column.LegendType == "RELTIME")
                {
                    return Duration((long)(cell.Integer / Divisor(column, cell, timeDeltaNs)), 10);
                }

                // csysdig prints integers raw: neither averages nor per-second rates are divided in its JSON.
                return cell.Integer;
        }
    }

    /// <summary>The cell as plain text, for Inspect's readable table.</summary>
    public static string Text(ViewColumn column, ViewCell cell, ulong timeDeltaNs) => Value(column, cell, timeDeltaNs) switch
    {
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        string s => s.Trim(),
        var other => other.ToString() ?? "",
    };

    /// <summary>A double as the JSON library csysdig links prints it (17 significant digits, ".0" for whole numbers).</summary>
    public static string JsonDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }

        var text = value.ToString("G17", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A duration in nanoseconds as csysdig prints it ("3.41us", "16ms", "1.92s", "1:05"), right-aligned to <paramref name="width"/>.</summary>
    public static string Duration(long nanoseconds, int width)
    {
        var v = (ulong)nanoseconds;
        const ulong second = 1_000_000_000UL;
        var text = v switch
        {
            >= 3600 * second => $"{(uint)(v / (3600 * second)):00}:{(uint)(v / (60 * second) % 60):00}:{(uint)(v / second % 60):00}",
            >= 60 * second => $"{(uint)(v / (60 * second))}:{(uint)(v / second % 60)}",
            >= second => $"{(uint)(v / second)}.{(uint)(v % second / 10_000_000):00}s",
            >= second / 100 => $"{(uint)(v / (second / 1000))}ms",
            >= second / 1000 => $"{(uint)(v / (second / 1000))}.{(uint)(v % 1_000_000 / 10_000):00}ms",
            >= second / 100_000 => $"{(uint)(v / (second / 1_000_000))}us",
            >= second / 1_000_000 => $"{(uint)(v / (second / 1_000_000))}.{(uint)(v % 1000 / 10):00}us",
            _ => $"{(uint)v}ns",
        };
        return text.PadLeft(width);
    }

    // Per-second averages divide by the capture's length in seconds; averages by their count; csysdig divides only
    // when the divisor is above 1.
    private static double Divisor(ViewColumn column, ViewCell cell, ulong timeDeltaNs)
    {
        var perSecond = column.Aggregation == ViewAggregation.TimeAverage || column.GroupByAggregation == ViewAggregation.TimeAverage;
        double divisor = perSecond && timeDeltaNs != 0 ? timeDeltaNs / NanosPerSecond : cell.Count;
        return divisor > 1 ? divisor : 1;
    }
}
