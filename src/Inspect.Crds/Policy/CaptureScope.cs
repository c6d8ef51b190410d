using System.Text.Json.Serialization;

namespace Inspect.Crds.Policy;

/// <summary>What a policy's capture records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptureScope>))]
public enum CaptureScope
{
    /// <summary>The alerting pod.</summary>
    Pod,

    /// <summary>The alerting pod's whole node.</summary>
    Node,
}
