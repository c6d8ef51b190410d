using System.Globalization;

namespace Inspect.Analysis.Text;

/// <summary>Event timestamps as sysdig prints them (local time zone, nanoseconds).</summary>
public static class TimeText
{
    private static readonly long OffsetSeconds = (long)TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow).TotalSeconds;

    /// <summary>"HH:MM:SS.nnnnnnnnn" (or without the fraction), optionally preceded by "YYYY-MM-DD ".</summary>
    public static string Clock(ulong ts, bool date, bool nanoseconds)
    {
        var sec = (long)(ts / 1_000_000_000) + OffsetSeconds;
        var nsec = ts % 1_000_000_000;
        var s = sec % 86400;
        var text = nanoseconds
            ? $"{s / 3600:00}:{s % 3600 / 60:00}:{s % 60:00}.{nsec:000000000}"
            : $"{s / 3600:00}:{s % 3600 / 60:00}:{s % 60:00}";
        if (!date)
        {
            return text;
        }

        var day = DateTimeOffset.FromUnixTimeSeconds(sec - s).UtcDateTime;
        return day.ToString("yyyy-MM-dd ", CultureInfo.InvariantCulture) + text;
    }

    /// <summary>ISO 8601 in UTC with nanoseconds and a "+0000" offset.</summary>
    public static string Iso8601(ulong ts)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds((long)(ts / 1_000_000_000)).UtcDateTime;
        return t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + $".{ts % 1_000_000_000:000000000}+0000";
    }
}
