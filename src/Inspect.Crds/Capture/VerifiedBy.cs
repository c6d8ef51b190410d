using System.Text.Json.Serialization;

namespace Inspect.Crds.Capture;

/// <summary>Who read a stored file back and checked it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerifiedBy>))]
public enum VerifiedBy
{
    /// <summary>The agent on the node, reading the file from the node's disk (node-directory outputs, which the
    /// operator cannot reach): after writing it, and again after the agent restarted.</summary>
    Agent,

    /// <summary>The operator, reading the object from storage (an S3 object whose agent went away before saying it
    /// was stored).</summary>
    Operator,
}
