using System.Text.Json.Serialization;

namespace Inspect.Crds.Policy;

/// <summary>What a policy did about a matching alert.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PolicyAction>))]
public enum PolicyAction
{
    /// <summary>A Capture was created.</summary>
    Created,

    /// <summary>A Capture would have been created (dry run).</summary>
    DryRun,

    /// <summary>Skipped: the same rule fired on the same pod within the cooldown.</summary>
    Cooldown,

    /// <summary>Skipped: maxConcurrent captures are running.</summary>
    ConcurrencyLimited,

    /// <summary>Skipped: maxPerHour captures were created in the last hour.</summary>
    RateLimited,
}
