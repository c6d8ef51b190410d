using System.Globalization;

namespace Inspect.Agent.Capture;

/// <summary>Parses the durations and sizes users give capture limits: "30s", "5m", "1h", "250ms"; "100M", "1G", "512k".</summary>
public static class QuantityParser
{
    /// <summary>A duration; a bare number means seconds.</summary>
    public static TimeSpan Duration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = Split(text);
        var seconds = unit switch
        {
            "" or "s" => number,
            "ms" => number / 1000,
            "m" or "min" => number * 60,
            "h" => number * 3600,
            _ => throw new FormatException($"unknown duration unit '{unit}' in '{text}' (use ms, s, m or h)"),
        };
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new FormatException($"duration '{text}' must be positive");
    }

    /// <summary>A byte count; k, M, G (and KiB, MiB, GiB) are powers of 1024.</summary>
    public static long Bytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = Split(text);
        var scale = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => throw new FormatException($"unknown size unit '{unit}' in '{text}' (use k, M or G)"),
        };
        var bytes = number * scale;
        return bytes >= 1 ? (long)bytes : throw new FormatException($"size '{text}' must be at least one byte");
    }

    private static (double Number, string Unit) Split(string text)
    {
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(trimmed.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{text}' does not start with a number");
        }

        return (number, trimmed[end..]);
    }
}
