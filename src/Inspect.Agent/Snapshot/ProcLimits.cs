using System.Globalization;

namespace Inspect.Agent.Snapshot;

/// <summary>Reads the soft RLIMIT_NOFILE from /proc/PID/limits, which the process table calls fdlimit.</summary>
public static class ProcLimits
{
    private const string OpenFilesRow = "Max open files";

    /// <summary>The soft limit on open files; -1 for unlimited or unreadable.</summary>
    public static long MaxOpenFiles(string? limitsText)
    {
        if (limitsText is null)
        {
            return -1;
        }

        foreach (var line in limitsText.Split('\n'))
        {
            if (line.StartsWith(OpenFilesRow, StringComparison.Ordinal))
            {
                var soft = line[OpenFilesRow.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
            }
        }

        return -1;
    }
}
