using System.Globalization;

namespace Inspect.Agent.Snapshot;

/// <summary>
/// The fields of /proc/PID/stat (or /proc/PID/task/TID/stat) a thread entry needs. The command name sits in
/// parentheses and may itself contain spaces and parentheses, so fields are counted from the last ')'.
/// </summary>
/// <param name="Comm">The name between the parentheses.</param>
/// <param name="State">One-letter state (R, S, T, Z...).</param>
/// <param name="ParentPid">Field 4.</param>
/// <param name="ProcessGroup">Field 5.</param>
/// <param name="Session">Field 6.</param>
/// <param name="MinorFaults">Field 10.</param>
/// <param name="MajorFaults">Field 12.</param>
/// <param name="UserTicks">Field 14, CPU time in user mode, in clock ticks.</param>
/// <param name="SystemTicks">Field 15, CPU time in kernel mode, in clock ticks.</param>
/// <param name="StartTimeTicks">Field 22, clock ticks after boot.</param>
public sealed record ProcStat(string Comm, char State, long ParentPid, long ProcessGroup, long Session, ulong MinorFaults, ulong MajorFaults, ulong UserTicks, ulong SystemTicks, ulong StartTimeTicks)
{
    public static ProcStat? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // fields[0] is field 3 (state); field n is fields[n - 3].
        if (fields.Length < 20)
        {
            return null;
        }

        return new ProcStat(
            text[(open + 1)..close],
            fields[0][0],
            long.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[3], CultureInfo.InvariantCulture),
            ulong.Parse(fields[7], CultureInfo.InvariantCulture),
            ulong.Parse(fields[9], CultureInfo.InvariantCulture),
            ulong.Parse(fields[11], CultureInfo.InvariantCulture),
            ulong.Parse(fields[12], CultureInfo.InvariantCulture),
            ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
