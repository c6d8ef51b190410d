using Inspect.Agent.Capture;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Targeting;

/// <summary>
/// Finds the cgroup v2 directories of the requested pods: kubelet names a pod's cgroup after its uid
/// (<c>pod&lt;uid&gt;</c> with the cgroupfs driver, <c>kubepods-…-pod&lt;uid_with_underscores&gt;.slice</c> with systemd),
/// and the operator sends both spellings, plus container ids for container targets, as hints. The probe then records
/// everything in those directories and below, so containers that start or restart inside a targeted pod are included;
/// a targeted pod whose cgroup appears only later is added while recording (<see cref="Follow"/>).
/// </summary>
public sealed class CgroupTargetResolver(string? cgroupRoot = null) : ITargetResolver
{
    // kubepods sits at most a few levels down (kubepods.slice/kubepods-burstable.slice/…); containers one or two below.
    private const int MaxDepth = 6;

    public CaptureTarget Resolve(StartCaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.WholeNode)
        {
            return CaptureTarget.AllProcesses;
        }

        var root = cgroupRoot ?? CgroupV2Mount.Find()
            ?? throw new TargetNotFoundException("this node has no cgroup v2 mount; pods can only be targeted through cgroup v2");
        var hints = request.CgroupHints.Where(h => h.Length > 0).ToList();
        var found = new List<string>();
        Walk(root, hints, found, 0);
        if (found.Count == 0)
        {
            var pods = string.Join(", ", request.Pods.Select(p => $"{p.Namespace}/{p.Name}"));
            throw new TargetNotFoundException($"no cgroup of the targeted pods ({pods}) exists under {root} on node {request.NodeName}");
        }

        return CaptureTarget.Cgroups(found);
    }

    /// <summary>Cgroup directories matching the hints that are not in (or below) what is already targeted: a pod of
    /// the request that had no cgroup when the capture started (it had not started yet or was being recreated), or a
    /// pod added to the capture while it records. Each new directory is reported once.</summary>
    public Func<IReadOnlyList<string>>? Follow(CaptureTarget resolved, Func<IReadOnlyList<string>> hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        if (resolved is not CaptureTarget.CgroupTrees(var paths) || (cgroupRoot ?? CgroupV2Mount.Find()) is not { } root)
        {
            return null;
        }

        var targeted = new List<string>(paths);
        return () =>
        {
            var found = new List<string>();
            Walk(root, [.. hints().Where(h => h.Length > 0)], found, 0);
            var added = found.Where(f => !targeted.Any(t => f == t || f.StartsWith(t + "/", StringComparison.Ordinal))).ToList();
            targeted.AddRange(added);
            return added;
        };
    }

    private static void Walk(string directory, List<string> hints, List<string> found, int depth)
    {
        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            var name = Path.GetFileName(child);
            if (hints.Any(h => name.Contains(h, StringComparison.Ordinal)))
            {
                // The whole subtree is targeted; a match below it would only repeat it.
                found.Add(child);
            }
            else if (depth < MaxDepth)
            {
                Walk(child, hints, found, depth + 1);
            }
        }
    }
}
