namespace Inspect.Agent.Containers;

/// <summary>
/// Where pod metadata for a container comes from: the Kubernetes API when one is configured, the cgroup layout
/// otherwise (<see cref="CgroupLayoutPodMetadataSource"/>).
/// </summary>
public interface IPodMetadataSource
{
    /// <summary>The pod of <paramref name="container"/>, or null when it is not a pod's container.</summary>
    PodMetadata? Find(ContainerCgroup container);
}
