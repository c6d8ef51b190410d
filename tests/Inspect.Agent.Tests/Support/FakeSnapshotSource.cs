using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Agent.Tests.Support;

/// <summary>A tiny fixed machine: one process (pid 100, "init") and whatever cgroup paths a test gives it.</summary>
internal sealed class FakeSnapshotSource(params string[] cgroupPaths) : ISystemSnapshotSource
{
    public const ulong TakenAtNs = 1_700_000_000_000_000_000;

    public int Taken { get; private set; }

    public SystemSnapshot Take()
    {
        Taken++;
        var init = new ThreadEntry { Tid = 100, Pid = 100, Ptid = 0, Comm = "init", Exe = "/sbin/init", ExePath = "/sbin/init" };
        return new SystemSnapshot(
            TakenAtNs,
            new MachineInfo { Hostname = "test-host", NumCpus = 2, MemorySizeBytes = 1 << 30, MaxPid = 32768 },
            [],
            new UserList([new UserEntry(0, 0, "root", "/root", "/bin/sh")], [new GroupEntry(0, "root")]),
            [init],
            [new FdTable(100, [])],
            cgroupPaths);
    }
}
