using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>What a capture records. Exactly one of podSelector, podNames, nodeSelector or containerIds; pods that
/// start or restart on a targeted node during the capture are picked up.</summary>
[CelRule("(has(self.podSelector) ? 1 : 0) + (has(self.podNames) ? 1 : 0) + (has(self.nodeSelector) ? 1 : 0) + (has(self.containerIds) ? 1 : 0) == 1",
    "exactly one of podSelector, podNames, nodeSelector or containerIds must be set")]
[CelRule("!has(self.namespaceSelector) || has(self.podSelector)",
    "namespaceSelector can only be used together with podSelector")]
public sealed class CaptureTargets
{
    /// <summary>Pods whose labels match, in the Capture's namespace (or in the namespaces namespaceSelector picks).</summary>
    [JsonPropertyName("podSelector")]
    public LabelSelector? PodSelector { get; set; }

    /// <summary>With podSelector: the namespaces to look in, by their labels, instead of the Capture's own.</summary>
    [JsonPropertyName("namespaceSelector")]
    public LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Pods by name, in the Capture's namespace.</summary>
    [JsonPropertyName("podNames")]
    [Items(1, 100)]
    public IList<string>? PodNames { get; set; }

    /// <summary>Whole nodes whose labels match: every process on them is recorded.</summary>
    [JsonPropertyName("nodeSelector")]
    public LabelSelector? NodeSelector { get; set; }

    /// <summary>Containers by runtime id (the 12 to 64 hex digits of <c>containerd://...</c>).</summary>
    [JsonPropertyName("containerIds")]
    [Items(1, 100)]
    public IList<string>? ContainerIds { get; set; }
}
