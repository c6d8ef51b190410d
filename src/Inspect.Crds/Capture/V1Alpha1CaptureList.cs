using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using k8s;
using k8s.Models;

namespace Inspect.Crds.Capture;

/// <summary>A list of Captures, as the API server returns it.</summary>
[KubernetesEntity(Group = InspectNames.Group, ApiVersion = InspectNames.Version, Kind = "CaptureList", PluralName = "captures")]
public sealed class V1Alpha1CaptureList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1Capture>
{
    /// <summary><c>inspect.dev/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = InspectNames.ApiVersion;

    /// <summary><c>CaptureList</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "CaptureList";

    /// <summary>List metadata: the resourceVersion to watch from.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The Captures.</summary>
    [JsonPropertyName("items")]
    public IList<V1Alpha1Capture> Items { get; set; } = [];
}
