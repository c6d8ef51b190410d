using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

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
        List<ThreadEntry> threads = [.. current.Threads, .. earlier.Threads.Where(t => !live.Contains(t.Tid))];
        var known = threads.Select(t => t.Tid).ToHashSet();
        return current with
        {
            Threads = threads,
            // Only tables of known processes: a process that appeared while /proc was read may have its fd table and
            // no thread entry, and readers refuse a file whose fd block names a thread its process block lacks.
            FdTables = [.. current.FdTables.Concat(earlier.FdTables.Where(t => !tables.Contains(t.Tid) && !live.Contains(t.Tid))).Where(t => known.Contains(t.Tid))],
        };
    }
}
