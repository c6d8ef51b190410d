using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>One matching alert and what the policy did about it.</summary>
public sealed class PolicyMatchRecord
{
    /// <summary>When the alert fired.</summary>
    [JsonPropertyName("time")]
    [Required]
    public DateTime Time { get; set; }

    /// <summary>The Falco rule.</summary>
    [JsonPropertyName("rule")]
    [Required]
    [Length(max: 256)]
    public string Rule { get; set; } = "";

    /// <summary>The alert's priority.</summary>
    [JsonPropertyName("priority")]
    public FalcoPriority? Priority { get; set; }

    /// <summary>The alerting pod's namespace.</summary>
    [JsonPropertyName("namespace")]
    [Length(max: 63)]
    public string? Namespace { get; set; }

    /// <summary>The alerting pod.</summary>
    [JsonPropertyName("pod")]
    [Length(max: 253)]
    public string? Pod { get; set; }

    /// <summary>The alerting pod's node.</summary>
    [JsonPropertyName("node")]
    [Length(max: 253)]
    public string? Node { get; set; }

    /// <summary>What the policy did.</summary>
    [JsonPropertyName("action")]
    [Required]
    public PolicyAction Action { get; set; }

    /// <summary>The Capture created, when one was.</summary>
    [JsonPropertyName("capture")]
    [Length(max: 253)]
    public string? Capture { get; set; }
}
