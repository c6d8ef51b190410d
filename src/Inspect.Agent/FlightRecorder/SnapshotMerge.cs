using Inspect.Agent.Snapshot;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// The process table a flight recording starts with: the machine now, plus the processes of the recorder's start that
/// have exited since. A recording reaches back into the past, when some of its processes were still alive; without
/// them their events would show no names.
/// </summary>
public static class SnapshotMerge
{
    public static SystemSnapshot WithExitedFrom(SystemSnapshot current, SystemSnapshot? earlier)
    {
        if (earlier is null)
        {
            return current;
        }

        var live = current.Threads.Select(t => t.Tid).ToHashSet();
        var tables = current.FdTables.Select(t => t.Tid).ToHashSet();
        return current with
        {
            Threads = [.. current.Threads, .. earlier.Threads.Where(t => !live.Contains(t.Tid))],
            FdTables = [.. current.FdTables, .. earlier.FdTables.Where(t => !tables.Contains(t.Tid) && !live.Contains(t.Tid))],
        };
    }
}
