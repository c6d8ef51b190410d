using System.Text.Json.Serialization;

namespace Inspect.Crds.Capture;

/// <summary>The life of a capture.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CapturePhase>))]
public enum CapturePhase
{
    /// <summary>Accepted; agents not started yet.</summary>
    Pending,

    /// <summary>Agents are recording.</summary>
    Running,

    /// <summary>Recording stopped; artifacts are being stored.</summary>
    Uploading,

    /// <summary>Every node's artifact is stored.</summary>
    Succeeded,

    /// <summary>Some nodes' artifacts are stored, others failed.</summary>
    PartiallySucceeded,

    /// <summary>Nothing could be captured or stored.</summary>
    Failed,
}
