using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>Who asked for the capture.</summary>
public sealed class CaptureTrigger
{
    /// <summary>Manual, Falco (an alert through the webhook) or Policy (stamped out by a CapturePolicy).</summary>
    [JsonPropertyName("source")]
    [Required]
    public TriggerSource Source { get; set; }

    /// <summary>The alert's id (Falcosidekick's uuid).</summary>
    [JsonPropertyName("alertId")]
    [Length(max: 128)]
    public string? AlertId { get; set; }

    /// <summary>The Falco rule that fired.</summary>
    [JsonPropertyName("rule")]
    [Length(max: 256)]
    public string? Rule { get; set; }

    /// <summary>The alert's priority.</summary>
    [JsonPropertyName("priority")]
    public FalcoPriority? Priority { get; set; }

    /// <summary>When the alert fired.</summary>
    [JsonPropertyName("time")]
    public DateTime? Time { get; set; }

    /// <summary>The alert's output line, shortened.</summary>
    [JsonPropertyName("output")]
    [Length(max: 2048)]
    public string? Output { get; set; }

    /// <summary>The CapturePolicy that created the capture.</summary>
    [JsonPropertyName("policy")]
    [Length(max: 253)]
    public string? Policy { get; set; }
}
