using System.Text.Json.Serialization;
using Inspect.Crds.Capture;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>The Capture a policy stamps out: its spec without targets, scoped to the alerting pod or its node.</summary>
public sealed class CaptureTemplate
{
    /// <summary>Record the alerting pod only, or its whole node.</summary>
    [JsonPropertyName("scope")]
    [Default("Pod")]
    public CaptureScope? Scope { get; set; }

    /// <summary>The Capture spec; targets are filled in from the alert.</summary>
    [JsonPropertyName("spec")]
    [Required]
    [CelRule("!has(self.targets)", "targets must not be set in a template: the policy targets the alerting pod or its node")]
    public V1Alpha1CaptureSpec Spec { get; set; } = new();
}
