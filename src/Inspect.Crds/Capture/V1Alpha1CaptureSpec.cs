using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>The desired capture: targets, limits, payload size, filter, redaction, output and lifetime.</summary>
[CelRule("has(self.duration) || has(self.maxBytes) || has(self.maxEvents)",
    "at least one of duration, maxBytes or maxEvents must be set: a capture needs a limit")]
public sealed class V1Alpha1CaptureSpec
{
    /// <summary>What to record: pods by selector or name, whole nodes, or containers by id. Exactly one kind.</summary>
    [JsonPropertyName("targets")]
    public CaptureTargets? Targets { get; set; }

    /// <summary>How long to record, as a Go duration (<c>30s</c>, <c>5m</c>, <c>1h30m</c>).</summary>
    [JsonPropertyName("duration")]
    [Pattern(Durations.Pattern)]
    [Length(max: 32)]
    public string? Duration { get; set; }

    /// <summary>History to include from the agent's flight recorder before the capture started, as a Go duration.</summary>
    [JsonPropertyName("preTrigger")]
    [Pattern(Durations.Pattern)]
    [Length(max: 32)]
    public string? PreTrigger { get; set; }

    /// <summary>Stop after this many bytes have been written on a node.</summary>
    [JsonPropertyName("maxBytes")]
    [Minimum(1)]
    public long? MaxBytes { get; set; }

    /// <summary>Stop after this many events have been recorded on a node.</summary>
    [JsonPropertyName("maxEvents")]
    [Minimum(1)]
    public long? MaxEvents { get; set; }

    /// <summary>Payload bytes kept per I/O call (read, write, send, recv...); 0 keeps none.</summary>
    [JsonPropertyName("snaplen")]
    [Minimum(0)]
    [Maximum(65000)]
    [Default(80)]
    public int? Snaplen { get; set; }

    /// <summary>A sysdig filter (<c>proc.name=nginx and fd.type=ipv4</c>) applied before events are written.</summary>
    [JsonPropertyName("filter")]
    [Length(max: 4096)]
    public string? Filter { get; set; }

    /// <summary>Secrets masked before bytes reach disk; on, with the built-in rules, when absent.</summary>
    [JsonPropertyName("redaction")]
    public CaptureRedaction? Redaction { get; set; }

    /// <summary>Where the files go; the operator's configured default storage when absent.</summary>
    [JsonPropertyName("output")]
    public CaptureOutput? Output { get; set; }

    /// <summary>Delete the Capture this many seconds after it finished; kept forever when absent.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    [Minimum(0)]
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>Delete the stored artifacts together with the Capture (opt-in).</summary>
    [JsonPropertyName("deleteArtifacts")]
    [Default(false)]
    public bool? DeleteArtifacts { get; set; }

    /// <summary>Who asked for the capture: a person, a Falco alert, or a CapturePolicy.</summary>
    [JsonPropertyName("trigger")]
    public CaptureTrigger? Trigger { get; set; }
}
