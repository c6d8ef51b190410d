using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>What the operator observed: phase, conditions, per-node results and the summary. Written only through
/// the status subresource.</summary>
public sealed class V1Alpha1CaptureStatus
{
    /// <summary>The <c>metadata.generation</c> this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    public long? ObservedGeneration { get; set; }

    /// <summary>Where the capture is in its life.</summary>
    [JsonPropertyName("phase")]
    public CapturePhase? Phase { get; set; }

    /// <summary>Ready, Progressing and Degraded, with reasons and messages.</summary>
    [JsonPropertyName("conditions")]
    [ListMap("type")]
    [Items(max: 8)]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>When the first node started recording.</summary>
    [JsonPropertyName("startTime")]
    public DateTime? StartTime { get; set; }

    /// <summary>When the last node finished uploading.</summary>
    [JsonPropertyName("completionTime")]
    public DateTime? CompletionTime { get; set; }

    /// <summary>Nodes taking part (the length of <c>nodes</c>, for <c>kubectl get</c>).</summary>
    [JsonPropertyName("nodeCount")]
    [Minimum(0)]
    public int? NodeCount { get; set; }

    /// <summary>Events recorded on all nodes.</summary>
    [JsonPropertyName("events")]
    [Minimum(0)]
    public long? Events { get; set; }

    /// <summary>Bytes written on all nodes.</summary>
    [JsonPropertyName("bytes")]
    [Minimum(0)]
    public long? Bytes { get; set; }

    /// <summary><c>bytes</c> for people (<c>12.4Mi</c>).</summary>
    [JsonPropertyName("size")]
    [Length(max: 32)]
    public string? Size { get; set; }

    /// <summary>Secrets masked on all nodes (the sum of <c>redactions</c>).</summary>
    [JsonPropertyName("redacted")]
    [Minimum(0)]
    public long? Redacted { get; set; }

    /// <summary>Secrets masked on all nodes, per redaction rule (rules that masked nothing are left out); per node in
    /// <c>nodes[].redactions</c>.</summary>
    [JsonPropertyName("redactions")]
    [Items(max: 256)]
    public IDictionary<string, long>? Redactions { get; set; }

    /// <summary>Progress and result per node.</summary>
    [JsonPropertyName("nodes")]
    [ListMap("node")]
    [Items(max: 5000)]
    public IList<CaptureNodeStatus>? Nodes { get; set; }

    /// <summary>The headline of the analysis (the full overview is a JSON object beside each .scap).</summary>
    [JsonPropertyName("summary")]
    public CaptureSummary? Summary { get; set; }
}
