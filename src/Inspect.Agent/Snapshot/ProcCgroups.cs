namespace Inspect.Agent.Snapshot;

/// <summary>
/// /proc/PID/cgroup turned into the <c>subsys=path</c> list of the process table. The list mirrors what the probe puts
/// into clone and execve events, so a thread's cgroups (and the container id sysdig derives from them) do not change
/// between the snapshot and its first process event: the controllers cpuset, cpu, cpuacct, io and memory, each with
/// its cgroup v1 path when the controller is mounted in a v1 hierarchy, else the unified (v2) path.
/// </summary>
public sealed class ProcCgroups
{
    private static readonly string[] ProbeControllers = ["cpuset", "cpu", "cpuacct", "io", "memory"];

    private readonly Dictionary<string, string> _v1PathByController = new(StringComparer.Ordinal);

    private ProcCgroups()
    {
    }

    /// <summary>The unified hierarchy path (the <c>0::</c> line), when there is one.</summary>
    public string? UnifiedPath { get; private set; }

    /// <summary>Every path in every hierarchy, named ones included.</summary>
    public IReadOnlyCollection<string> AllPaths { get; private set; } = [];

    public static ProcCgroups Parse(string? text)
    {
        var result = new ProcCgroups();
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // hierarchy-id:controller-list:path; the path may itself contain ':'.
            var first = line.IndexOf(':', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0)
            {
                continue;
            }

            var controllers = line[(first + 1)..second];
            var path = line[(second + 1)..];
            all.Add(path);
            if (controllers.Length == 0)
            {
                result.UnifiedPath = path;
                continue;
            }

            foreach (var controller in controllers.Split(','))
            {
                // The kernel names the io controller "blkio" in v1 hierarchies and "io" everywhere else.
                result._v1PathByController[controller == "blkio" ? "io" : controller] = path;
            }
        }

        result.AllPaths = all;
        return result;
    }

    /// <summary>The process-table list: <c>subsys=path</c> strings as the probe reports them.</summary>
    public IEnumerable<string> ProbeStyleEntries()
    {
        foreach (var controller in ProbeControllers)
        {
            if (_v1PathByController.TryGetValue(controller, out var path) || (path = UnifiedPath) is not null)
            {
                yield return $"{controller}={path}";
            }
        }
    }
}
