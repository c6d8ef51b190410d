using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>Which alerts, what capture, and how often.</summary>
public sealed class V1Alpha1CapturePolicySpec
{
    /// <summary>The alerts this policy reacts to; all given criteria must hold.</summary>
    [JsonPropertyName("match")]
    [Required]
    public PolicyMatch Match { get; set; } = new();

    /// <summary>The Capture to create for a matching alert.</summary>
    [JsonPropertyName("template")]
    [Required]
    public CaptureTemplate Template { get; set; } = new();

    /// <summary>Rate limits; the defaults apply when absent.</summary>
    [JsonPropertyName("limits")]
    public PolicyLimits? Limits { get; set; }

    /// <summary>Only record in status what would be created.</summary>
    [JsonPropertyName("dryRun")]
    [Default(false)]
    public bool? DryRun { get; set; }
}
