namespace Inspect.Agent.Containers;

/// <summary>
/// Pod metadata from the cgroup path alone: kubelet puts the pod uid in it, but never the name or namespace, which
/// need the Kubernetes API.
/// </summary>
public sealed class CgroupLayoutPodMetadataSource : IPodMetadataSource
{
    public PodMetadata? Find(ContainerCgroup container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return container.PodUid is { } uid ? new PodMetadata(uid) : null;
    }
}
