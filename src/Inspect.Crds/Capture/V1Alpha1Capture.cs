using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;
using k8s;
using k8s.Models;

namespace Inspect.Crds.Capture;

/// <summary>A Capture records the kernel's view (every syscall, with processes, files, connections and payload bytes)
/// of the targeted pods or nodes into sysdig-compatible .scap files, stores them, and summarizes what happened.</summary>
[KubernetesEntity(Group = InspectNames.Group, ApiVersion = InspectNames.Version, Kind = "Capture", PluralName = "captures")]
[Resource("captures", ShortNames = ["cap"], Categories = ["inspect"])]
[PrinterColumn("Phase", "string", ".status.phase", Description = "Where the capture is in its life", Order = 0)]
[PrinterColumn("Nodes", "integer", ".status.nodeCount", Description = "Nodes taking part", Order = 1)]
[PrinterColumn("Events", "integer", ".status.events", Description = "Events recorded on all nodes", Order = 2)]
[PrinterColumn("Size", "string", ".status.size", Description = "Bytes stored on all nodes, human-readable", Order = 3)]
[PrinterColumn("Redacted", "integer", ".status.redacted", Description = "Secrets masked on all nodes", Order = 4)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed class V1Alpha1Capture : IKubernetesObject<V1ObjectMeta>, ISpec<V1Alpha1CaptureSpec>, IStatus<V1Alpha1CaptureStatus?>
{
    /// <summary><c>inspect.dev/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = InspectNames.ApiVersion;

    /// <summary><c>Capture</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Capture";

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What to capture, for how long, and where the files go.</summary>
    [JsonPropertyName("spec")]
    [Required]
    [CelRule("has(self.targets)", "spec.targets is required: a Capture must name pods, nodes or containers", FieldPath = ".targets")]
    public V1Alpha1CaptureSpec Spec { get; set; } = new();

    /// <summary>Progress, per-node results, artifacts and the summary, written by the operator.</summary>
    [JsonPropertyName("status")]
    public V1Alpha1CaptureStatus? Status { get; set; }
}
