using System.Globalization;

namespace Inspect.Analysis.Text;

/// <summary>
/// Parses RFC 3339 times with up to nine fraction digits (<c>2024-05-13T08:52:36.126517532Z</c>, as Falco writes them
/// and as <c>--from</c>/<c>--to</c> take them) to nanoseconds since the epoch. <see cref="DateTimeOffset"/> refuses more
/// than seven fraction digits and would drop the last two anyway.
/// </summary>
public static class Rfc3339
{
    /// <summary>Nanoseconds since the epoch for <paramref name="text"/>, or <c>false</c> when it is not an RFC 3339 time.</summary>
    public static bool TryParseNanoseconds(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (text.Length < 20)
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var zone = text.IndexOfAny(['Z', 'z', '+'], 19);
        if (zone < 0)
        {
            zone = text.LastIndexOf('-');
            if (zone < 19)
            {
                return false;
            }
        }

        long fraction = 0;
        var secondsPart = text;
        if (dot > 0 && dot < zone)
        {
            var digits = text.AsSpan(dot + 1, zone - dot - 1);
            if (digits.Length is 0 or > 9 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }

            for (var i = digits.Length; i < 9; i++)
            {
                fraction *= 10;
            }

            secondsPart = string.Concat(text.AsSpan(0, dot), text.AsSpan(zone));
        }

        if (!DateTimeOffset.TryParseExact(
                secondsPart,
                ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd't'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var seconds))
        {
            return false;
        }

        nanoseconds = seconds.ToUnixTimeSeconds() * 1_000_000_000 + fraction;
        return true;
    }

    /// <summary>The <see cref="DateTimeOffset"/> (UTC, 100 ns precision) for nanoseconds since the epoch.</summary>
    public static DateTimeOffset ToDateTimeOffset(long nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
}
