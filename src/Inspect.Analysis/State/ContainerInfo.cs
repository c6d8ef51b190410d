namespace Inspect.Analysis.State;

/// <summary>What the capture says about one container (from container metadata events, or bare from a cgroup match).</summary>
public sealed record ContainerInfo
{
    public string Id { get; init; } = "";

    public string FullId { get; init; } = "";

    /// <summary>Engine code (0 docker, 1 lxc, 2 libvirt-lxc, 3 mesos, 4 rkt, 5 custom, 6 cri, 7 containerd, 8 cri-o, 9 bpm, 10 static, 11 podman).</summary>
    public int Type { get; init; }

    public string Name { get; init; } = "";

    public string Image { get; init; } = "";

    public string ImageId { get; init; } = "";

    public string ImageRepo { get; init; } = "";

    public string ImageTag { get; init; } = "";

    public string ImageDigest { get; init; } = "";

    public bool Privileged { get; init; }

    /// <summary>The container's IPv4 address (0 when unknown), used to tell local endpoints inside it.</summary>
    public uint Ip { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The engine name as <c>container.type</c> prints it.</summary>
    public string TypeName => Type switch
    {
        0 => "docker",
        1 => "lxc",
        2 => "libvirt-lxc",
        3 => "mesos",
        4 => "rkt",
        5 => "custom",
        6 => "cri",
        7 => "containerd",
        8 => "cri-o",
        9 => "bpm",
        10 => "static",
        11 => "podman",
        _ => "<NA>",
    };
}
