namespace Inspect.Agent.Snapshot;

/// <summary>Snapshots the running machine from /proc, /etc and the network stack.</summary>
public sealed class ProcSnapshotSource(TimeProvider clock, string procRoot = "/proc", string etcRoot = "/etc") : ISystemSnapshotSource
{
    public SystemSnapshot Take()
    {
        var now = clock.GetUtcNow();
        var (threads, fdTables, cgroupPaths) = new ProcessTableReader(procRoot).ReadAll();
        return new SystemSnapshot(
            EpochNs(now),
            MachineInfoReader.Read(procRoot, now),
            InterfaceListReader.Read(),
            UserListReader.Read(etcRoot),
            threads,
            fdTables,
            cgroupPaths);
    }

    internal static ulong EpochNs(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;
}
