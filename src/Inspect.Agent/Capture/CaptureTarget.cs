namespace Inspect.Agent.Capture;

/// <summary>What a capture records; the probe filters in the kernel, so untargeted processes cost almost nothing.</summary>
public abstract record CaptureTarget
{
    /// <summary>Every process on the machine.</summary>
    public static CaptureTarget AllProcesses { get; } = new All();

    /// <summary>A process and everything it forks during the capture.</summary>
    public static CaptureTarget Process(int pid) => new ProcessTree(pid);

    /// <summary>Every process in a cgroup v2 directory (e.g. a pod's) or below it.</summary>
    public static CaptureTarget Cgroup(string path) => new CgroupTree(path);

    /// <summary>Every process in any of several cgroup v2 directories or below them (e.g. the pods of one node).</summary>
    public static CaptureTarget Cgroups(IReadOnlyList<string> paths) => new CgroupTrees(paths);

    public sealed record All : CaptureTarget;

    public sealed record ProcessTree(int Pid) : CaptureTarget;

    public sealed record CgroupTree(string Path) : CaptureTarget;

    public sealed record CgroupTrees(IReadOnlyList<string> Paths) : CaptureTarget;
}
