using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Policy;

/// <summary>How often a policy may create captures.</summary>
public sealed class PolicyLimits
{
    /// <summary>Seconds before the same rule on the same pod may trigger another capture.</summary>
    [JsonPropertyName("cooldownSeconds")]
    [Minimum(0)]
    [Maximum(86400)]
    [Default(300)]
    public int? CooldownSeconds { get; set; }

    /// <summary>Captures of this policy running at once.</summary>
    [JsonPropertyName("maxConcurrent")]
    [Minimum(1)]
    [Maximum(100)]
    [Default(3)]
    public int? MaxConcurrent { get; set; }

    /// <summary>Captures this policy may create in any hour.</summary>
    [JsonPropertyName("maxPerHour")]
    [Minimum(1)]
    [Maximum(1000)]
    [Default(20)]
    public int? MaxPerHour { get; set; }
}
