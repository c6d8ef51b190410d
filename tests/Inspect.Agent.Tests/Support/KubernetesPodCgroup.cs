using System.Globalization;
using Inspect.Agent.Capture;

namespace Inspect.Agent.Tests.Support;

/// <summary>
/// A cgroup laid out like one container of a Kubernetes pod under kubelet's cgroupfs driver,
/// <c>kubepods/besteffort/pod&lt;uid&gt;/&lt;64-hex id&gt;</c>, created under the cgroup v2 mount (what the probe targets)
/// and, on hybrid hosts, under the v1 cpu hierarchy too (where kubelet also creates it, and what the probe reports as
/// the process's cgroups there). Everything created is removed on dispose, after moving leftover processes out.
/// </summary>
internal sealed class KubernetesPodCgroup : IDisposable
{
    private readonly List<string> _created = [];
    private readonly List<string> _hierarchyRoots = [];

    private KubernetesPodCgroup(string podUid, string containerId)
    {
        PodUid = podUid;
        ContainerId = containerId;
    }

    public string PodUid { get; }

    /// <summary>64 hex characters.</summary>
    public string ContainerId { get; }

    /// <summary>The pod's cgroup v2 directory (what <c>--cgroup</c> targets).</summary>
    public string PodDirectory { get; private set; } = "";

    /// <summary>The cgroup path of the first container, as /proc/PID/cgroup shows it.</summary>
    public string ContainerPath => PathOf(ContainerId);

    // Container id to its directories, one per hierarchy.
    private Dictionary<string, List<string>> ContainerDirectories { get; } = [];

    /// <summary>Creates the pod's cgroup: a new pod uid and container id unless given (a pod object's uid, so that
    /// what the API says and what the node has agree).</summary>
    public static KubernetesPodCgroup Create(string? podUid = null, string? containerId = null)
    {
        var mounts = File.ReadAllText("/proc/mounts");
        var v2 = CgroupV2Mount.FindMountPoint(mounts) ?? throw new InvalidOperationException("no cgroup2 mount in /proc/mounts");
        var cgroup = new KubernetesPodCgroup(podUid ?? Guid.NewGuid().ToString(), containerId ?? NewId());
        try
        {
            cgroup.PodDirectory = Path.Join(v2, $"kubepods/besteffort/pod{cgroup.PodUid}");
            cgroup._hierarchyRoots.Add(v2);
            if (V1CpuMount(mounts) is { } cpu)
            {
                cgroup._hierarchyRoots.Add(cpu);
            }

            cgroup.CreateContainer(cgroup.ContainerId);
            return cgroup;
        }
        catch
        {
            cgroup.Dispose();
            throw;
        }
    }

    /// <summary>Adds another container to the pod; returns its 64-hex id.</summary>
    public string NewContainer()
    {
        var id = NewId();
        CreateContainer(id);
        return id;
    }

    /// <summary>Moves a process into a container's cgroup (the first container by default) in every hierarchy.</summary>
    public void Add(int pid, string? containerId = null)
    {
        foreach (var dir in ContainerDirectories[containerId ?? ContainerId])
        {
            File.WriteAllText(Path.Join(dir, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        foreach (var root in _hierarchyRoots)
        {
            foreach (var dir in _created.Where(d => d.StartsWith(root + "/", StringComparison.Ordinal)))
            {
                MoveProcessesOut(dir, root);
            }
        }

        // Deepest first: a cgroup directory can only be removed once it has no children.
        foreach (var dir in _created.OrderByDescending(d => d.Length))
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
                // Still busy (a process that would not move); leave it rather than fail the test run.
            }
        }
    }

    private static string? V1CpuMount(string mounts) =>
        mounts.Split('\n')
            .Select(line => line.Split(' '))
            .FirstOrDefault(f => f.Length > 3 && f[2] == "cgroup" && f[3].Split(',').Contains("cpu"))?[1];

    private static void MoveProcessesOut(string dir, string root)
    {
        var procs = Path.Join(dir, "cgroup.procs");
        if (!File.Exists(procs))
        {
            return;
        }

        foreach (var pid in File.ReadAllLines(procs).Where(l => l.Length > 0))
        {
            try
            {
                File.WriteAllText(Path.Join(root, "cgroup.procs"), pid);
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }
    }

    /// <summary>A new 64-hex container id.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private string PathOf(string containerId) => $"/kubepods/besteffort/pod{PodUid}/{containerId}";

    private void CreateContainer(string containerId)
    {
        var directories = new List<string>();
        foreach (var root in _hierarchyRoots)
        {
            var dir = root;
            foreach (var part in PathOf(containerId).Trim('/').Split('/'))
            {
                dir = Path.Join(dir, part);
                if (!Directory.Exists(dir))
                {
                    Directory.CreateDirectory(dir);
                    _created.Add(dir);
                }
            }

            directories.Add(dir);
        }

        ContainerDirectories[containerId] = directories;
    }
}
