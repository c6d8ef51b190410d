using System.Text.Json.Serialization;
using Inspect.Crds.Common;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>What the policy did lately.</summary>
public sealed class V1Alpha1CapturePolicyStatus
{
    /// <summary>The <c>metadata.generation</c> this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready and Degraded, with reasons.</summary>
    [JsonPropertyName("conditions")]
    [ListMap("type")]
    [Items(max: 8)]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Captures created since the policy exists.</summary>
    [JsonPropertyName("capturesCreated")]
    [Minimum(0)]
    public long? CapturesCreated { get; set; }

    /// <summary>When the policy last created a capture.</summary>
    [JsonPropertyName("lastCaptureTime")]
    public DateTime? LastCaptureTime { get; set; }

    /// <summary>Pods whose recent events the node agents keep in flight-recorder rings for this policy's
    /// <c>preTrigger</c>; absent when the template asks for none.</summary>
    [JsonPropertyName("armedPods")]
    [Minimum(0)]
    public int? ArmedPods { get; set; }

    /// <summary>Why some matching pods have no ring (an agent unreachable, a pod's cgroup not found), when so.</summary>
    [JsonPropertyName("armingProblem")]
    [Length(max: 1024)]
    public string? ArmingProblem { get; set; }

    /// <summary>The latest matching alerts and what was done about each, newest first.</summary>
    [JsonPropertyName("recentMatches")]
    [Items(max: 20)]
    public IList<PolicyMatchRecord>? RecentMatches { get; set; }
}
