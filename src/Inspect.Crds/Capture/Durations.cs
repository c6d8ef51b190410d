namespace Inspect.Crds.Capture;

/// <summary>The Go duration syntax used by <c>duration</c> and <c>preTrigger</c>.</summary>
public static class Durations
{
    /// <summary>One or more number+unit pairs: <c>90s</c>, <c>1m30s</c>, <c>1.5h</c>.</summary>
    public const string Pattern = "^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$";

    /// <summary>Parses a Go duration (<c>1h30m</c>); false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !System.Text.RegularExpressions.Regex.IsMatch(text, Pattern))
        {
            return false;
        }

        var ticks = 0.0;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)"))
        {
            var number = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            ticks += number * m.Groups[2].Value switch
            {
                "ns" => 0.01,
                "us" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
