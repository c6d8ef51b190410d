using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Inspect.Kubernetes.Runtime.Watching;

/// <summary>The body of a custom-resource list call.</summary>
public sealed class CustomResourceList<T> : IMetadata<V1ListMeta>
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
