using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;
using k8s;
using k8s.Models;

namespace Inspect.Crds.Policy;

/// <summary>A CapturePolicy turns matching Falco alerts into Captures of the alerting pod (or its node), with limits,
/// so that an alert storm never becomes a capture storm. Managed like any other manifest (GitOps).</summary>
[KubernetesEntity(Group = InspectNames.Group, ApiVersion = InspectNames.Version, Kind = "CapturePolicy", PluralName = "capturepolicies")]
[Resource("capturepolicies", ShortNames = ["cappol"], Categories = ["inspect"])]
[PrinterColumn("Scope", "string", ".spec.template.scope", Order = 0)]
[PrinterColumn("Dry-Run", "boolean", ".spec.dryRun", Order = 1)]
[PrinterColumn("Created", "integer", ".status.capturesCreated", Description = "Captures this policy created", Order = 2)]
[PrinterColumn("Last", "date", ".status.lastCaptureTime", Description = "When it last created one", Order = 3)]
[PrinterColumn("Armed", "integer", ".status.armedPods", Description = "Pods kept in flight-recorder rings for preTrigger", Order = 4)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed class V1Alpha1CapturePolicy : IKubernetesObject<V1ObjectMeta>, ISpec<V1Alpha1CapturePolicySpec>, IStatus<V1Alpha1CapturePolicyStatus?>
{
    /// <summary><c>inspect.dev/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = InspectNames.ApiVersion;

    /// <summary><c>CapturePolicy</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "CapturePolicy";

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Which alerts, what capture, and how often.</summary>
    [JsonPropertyName("spec")]
    [Required]
    public V1Alpha1CapturePolicySpec Spec { get; set; } = new();

    /// <summary>Recent matches and captures created, written by the operator.</summary>
    [JsonPropertyName("status")]
    public V1Alpha1CapturePolicyStatus? Status { get; set; }
}
