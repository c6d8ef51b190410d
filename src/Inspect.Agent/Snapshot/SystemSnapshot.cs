using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>The state of the machine when a capture starts: what the metadata blocks of the .scap file describe.</summary>
/// <param name="TakenAtNs">When the snapshot was taken, in ns since the Unix epoch.</param>
/// <param name="Machine">Host name, CPUs, memory, boot time.</param>
/// <param name="Interfaces">Network interface addresses.</param>
/// <param name="Users">Users and groups.</param>
/// <param name="Threads">Every thread of every process.</param>
/// <param name="FdTables">The open fds of each process, keyed by its main thread.</param>
/// <param name="CgroupPaths">Every distinct cgroup path of every process, in all hierarchies (for container discovery).</param>
public sealed record SystemSnapshot(
    ulong TakenAtNs,
    MachineInfo Machine,
    IReadOnlyList<InterfaceEntry> Interfaces,
    UserList Users,
    IReadOnlyList<ThreadEntry> Threads,
    IReadOnlyList<FdTable> FdTables,
    IReadOnlyCollection<string> CgroupPaths);
