namespace Inspect.Agent.Containers;

/// <summary>Container engines as the <c>type</c> of a container JSON event numbers them (scap-format.md §2.7).</summary>
public enum ContainerEngine
{
    Docker = 0,

    /// <summary>A CRI runtime we cannot tell apart from the cgroup path (kubelet's cgroupfs layout).</summary>
    Cri = 6,

    Containerd = 7,

    CriO = 8,

    Podman = 11,
}
