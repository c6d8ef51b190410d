namespace Inspect.Kubernetes.TestServer.Tables;

/// <summary>apimachinery's duration.HumanDuration: <c>45s</c>, <c>3m20s</c>, <c>2h</c>, <c>5d</c>.</summary>
public static class HumanDuration
{
    /// <summary>Formats an age.</summary>
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        return hours < 48 ? $"{hours}h" : hours < 24 * 8 ? $"{hours / 24}d{(hours % 24 == 0 ? "" : $"{hours % 24}h")}" : $"{hours / 24}d";
    }
}
