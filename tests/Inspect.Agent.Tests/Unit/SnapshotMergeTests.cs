using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Agent.Tests.Support;
using Inspect.Scap.Model;

namespace Inspect.Agent.Tests.Unit;

/// <summary>The process table a flight recording starts with: the machine now plus what exited since the ring began,
/// and never an fd table without its process (sysdig refuses such a file).</summary>
public sealed class SnapshotMergeTests
{
    [Fact]
    public void Exited_processes_are_added_back_with_their_fds_and_orphan_fd_tables_are_dropped()
    {
        var now = new FakeSnapshotSource().Take();
        var earlier = now with
        {
            Threads = [.. now.Threads, Thread(200)],
            // 300 appeared while /proc was read: its fd table was listed, its thread was not.
            FdTables = [.. now.FdTables, new FdTable(200, []), new FdTable(300, [])],
        };
        var current = now with { FdTables = [.. now.FdTables, new FdTable(400, [])] };

        var merged = SnapshotMerge.WithExitedFrom(current, earlier);

        Assert.Equal([100, 200], merged.Threads.Select(t => t.Tid).Order());
        Assert.Equal([100, 200], merged.FdTables.Select(t => t.Tid).Order());
    }

    private static ThreadEntry Thread(long tid) => new() { Tid = tid, Pid = tid, Ptid = 1, Comm = "gone", Exe = "/bin/gone", ExePath = "/bin/gone" };
}
