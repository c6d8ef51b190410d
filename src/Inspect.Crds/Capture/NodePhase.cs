using System.Text.Json.Serialization;

namespace Inspect.Crds.Capture;

/// <summary>The life of one node's part of a capture.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodePhase>))]
public enum NodePhase
{
    /// <summary>The agent has not started yet.</summary>
    Pending,

    /// <summary>The agent is recording.</summary>
    Capturing,

    /// <summary>The agent is storing the file.</summary>
    Uploading,

    /// <summary>The file is stored.</summary>
    Succeeded,

    /// <summary>The node's part failed; see <c>error</c>.</summary>
    Failed,
}
