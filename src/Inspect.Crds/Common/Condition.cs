using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Common;

/// <summary>One aspect of the resource's current state, in the shape of meta/v1 Condition; conditions are keyed by
/// <see cref="Type"/>.</summary>
public sealed class Condition
{
    /// <summary>The aspect: Ready, Progressing or Degraded (see <see cref="ConditionTypes"/>).</summary>
    [JsonPropertyName("type")]
    [Required]
    [Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    [Length(max: 316)]
    public string Type { get; set; } = "";

    /// <summary>Whether the condition holds.</summary>
    [JsonPropertyName("status")]
    [Required]
    public ConditionStatus Status { get; set; } = ConditionStatus.Unknown;

    /// <summary>The <c>metadata.generation</c> the condition was computed from.</summary>
    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    public long? ObservedGeneration { get; set; }

    /// <summary>When the status last changed.</summary>
    [JsonPropertyName("lastTransitionTime")]
    [Required]
    public DateTime LastTransitionTime { get; set; }

    /// <summary>Machine-readable CamelCase reason for the last transition (see <see cref="CaptureReasons"/>).</summary>
    [JsonPropertyName("reason")]
    [Required]
    [Length(1, 1024)]
    [Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    public string Reason { get; set; } = "";

    /// <summary>Human-readable details of the transition.</summary>
    [JsonPropertyName("message")]
    [Length(max: 32768)]
    public string? Message { get; set; }
}
