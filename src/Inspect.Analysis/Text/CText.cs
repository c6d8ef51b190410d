using System.Globalization;
using System.Text;

namespace Inspect.Analysis.Text;

/// <summary>
/// Byte and string helpers that reproduce how sysdig turns C strings into text: NUL-terminated decoding, removal of
/// non-printable characters, '.' for unprintable buffer bytes, and printf's <c>%g</c>.
/// </summary>
internal static class CText
{
    /// <summary>Decodes the bytes up to the first NUL (or the end) as UTF-8.</summary>
    public static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var s = end < 0 ? bytes : bytes[..end];
        return s.IsEmpty ? "" : Encoding.UTF8.GetString(s);
    }

    /// <summary>Whether sysdig keeps this byte when it sanitizes a string (printable ASCII only).</summary>
    public static bool IsPrintable(byte b) => b is >= 0x20 and < 0x7F;

    /// <summary>Whether sysdig keeps this character when it sanitizes a string (printable ASCII only).</summary>
    public static bool IsPrintable(char c) => c is >= ' ' and < '\x7F';

    /// <summary>Removes every character that is not printable ASCII, as sysdig's sanitizer does.</summary>
    public static string Sanitize(string s)
    {
        foreach (var c in s)
        {
            if (!IsPrintable(c))
            {
                return string.Create(s.Length, s, static (span, src) =>
                {
                    var k = 0;
                    foreach (var ch in src)
                    {
                        if (IsPrintable(ch))
                        {
                            span[k++] = ch;
                        }
                    }

                    span[k..].Clear();
                }).TrimEnd('\0');
            }
        }

        return s;
    }

    /// <summary>Decodes a NUL-terminated byte string keeping only printable ASCII, at most <paramref name="limit"/> - 1 characters.</summary>
    public static string SanitizedCString(ReadOnlySpan<byte> bytes, int limit)
    {
        var sb = new StringBuilder();
        var max = Math.Min(bytes.Length, limit);
        for (var i = 0; i < bytes.Length && sb.Length < max; i++)
        {
            var b = bytes[i];
            if (b == 0)
            {
                return sb.ToString();
            }

            if (IsPrintable(b))
            {
                sb.Append((char)b);
            }
        }

        if (sb.Length >= max && max > 0)
        {
            sb.Length = max - 1;
        }

        return sb.ToString();
    }

    /// <summary>Buffer bytes with every unprintable byte shown as '.'.</summary>
    public static string Dots(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = IsPrintable(src[i]) ? (char)src[i] : '.';
            }
        });
    }

    /// <summary>printf's <c>%g</c> (six significant digits, trailing zeros removed).</summary>
    public static string FormatG(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));

        // Rounding to six digits may carry into the next power of ten (999999.5 -> 1e+06).
        var rounded = double.Parse(value.ToString("E5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        exponent = rounded == 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = rounded / Math.Pow(10, exponent);
            var m = TrimZeros(mantissa.ToString("F5", CultureInfo.InvariantCulture));
            return $"{m}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        var decimals = Math.Max(0, 5 - exponent);
        return TrimZeros(rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string TrimZeros(string s) => s.Contains('.', StringComparison.Ordinal) ? s.TrimEnd('0').TrimEnd('.') : s;
}
