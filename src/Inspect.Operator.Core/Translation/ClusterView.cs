namespace Inspect.Operator.Core.Translation;

/// <summary>A container of a pod as its status reports it.</summary>
/// <param name="Name">The container's name.</param>
/// <param name="ContainerId">The status's id (<c>containerd://3f2a...</c>); null before the container started.</param>
public sealed record ClusterContainer(string Name, string? ContainerId);

/// <summary>A pod as the operator's informer sees it.</summary>
public sealed record ClusterPod(
    string Namespace,
    string Name,
    string Uid,
    string? NodeName,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ClusterContainer> Containers,
    string? Phase = null)
{
    /// <summary>True when the pod has finished (Succeeded or Failed) and cannot be recorded anymore.</summary>
    public bool IsFinished => Phase is "Succeeded" or "Failed";
}

/// <summary>A namespace and its labels.</summary>
public sealed record ClusterNamespace(string Name, IReadOnlyDictionary<string, string> Labels);

/// <summary>A node and its labels.</summary>
public sealed record ClusterNode(string Name, IReadOnlyDictionary<string, string> Labels);

/// <summary>The cluster as the translator needs it: a snapshot, never a client.</summary>
public sealed record ClusterView
{
    /// <summary>The pods.</summary>
    public IReadOnlyList<ClusterPod> Pods { get; init; } = [];

    /// <summary>The namespaces.</summary>
    public IReadOnlyList<ClusterNamespace> Namespaces { get; init; } = [];

    /// <summary>The nodes.</summary>
    public IReadOnlyList<ClusterNode> Nodes { get; init; } = [];

    /// <summary>Other captures running per node (not counting the one being translated).</summary>
    public IReadOnlyDictionary<string, int> ActiveCapturesPerNode { get; init; } = new Dictionary<string, int>();

    /// <summary>Other captures running in the cluster (not counting the one being translated).</summary>
    public int ActiveCapturesInCluster { get; init; }
}

/// <summary>The Capture's identity.</summary>
/// <param name="Namespace">The Capture's namespace.</param>
/// <param name="Name">The Capture's name.</param>
/// <param name="Uid">The Capture's uid, so a re-created Capture of the same name gets a new id.</param>
/// <param name="StartedAt">The capture's start as the reconciler recorded it (status.startTime); it names the
/// artifacts, so a restarted operator must pass the same value to get the same keys.</param>
public sealed record CaptureIdentity(string Namespace, string Name, string Uid, DateTimeOffset StartedAt)
{
    /// <summary>The stable id, <c>&lt;namespace&gt;/&lt;name&gt;/&lt;uid&gt;</c>.</summary>
    public string Id => $"{Namespace}/{Name}/{Uid}";
}
