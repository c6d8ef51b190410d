namespace Inspect.Agent.Containers;

/// <summary>A container recognised in a cgroup path.</summary>
/// <param name="FullId">The 64 hex characters of the container id.</param>
/// <param name="Engine">The engine the path layout belongs to.</param>
/// <param name="CgroupPath">The path it was found in.</param>
/// <param name="PodUid">The Kubernetes pod uid (with dashes) when the path is a kubelet layout.</param>
public sealed record ContainerCgroup(string FullId, ContainerEngine Engine, string CgroupPath, string? PodUid)
{
    /// <summary>The short id sysdig shows as <c>container.id</c>: the first 12 hex characters.</summary>
    public string Id => FullId[..12];
}
