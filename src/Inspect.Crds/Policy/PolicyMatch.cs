using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>Criteria on a Falco alert; all given ones must hold, and at least rules or tags must be given.</summary>
[CelRule("has(self.rules) || has(self.tags)", "at least one of rules or tags must be set")]
public sealed class PolicyMatch
{
    /// <summary>Falco rule names, exact or glob patterns with <c>*</c> and <c>?</c> (<c>Terminal shell in container</c>,
    /// <c>Write below *</c>); any one matching is enough.</summary>
    [JsonPropertyName("rules")]
    [Items(1, 100)]
    public IList<string>? Rules { get; set; }

    /// <summary>Alerts of this priority or more severe.</summary>
    [JsonPropertyName("minimumPriority")]
    public FalcoPriority? MinimumPriority { get; set; }

    /// <summary>Rule tags; any one present on the alert is enough (<c>mitre_execution</c>).</summary>
    [JsonPropertyName("tags")]
    [Items(1, 100)]
    public IList<string>? Tags { get; set; }

    /// <summary>Alert sources (<c>syscall</c>, <c>k8s_audit</c>); any source when absent.</summary>
    [JsonPropertyName("sources")]
    [Items(max: 16)]
    public IList<string>? Sources { get; set; }

    /// <summary>Namespaces of the alerting pod; any namespace when absent.</summary>
    [JsonPropertyName("namespaces")]
    [Items(max: 100)]
    public IList<string>? Namespaces { get; set; }

    /// <summary>Labels the alerting pod must have.</summary>
    [JsonPropertyName("podSelector")]
    public LabelSelector? PodSelector { get; set; }
}
