using Inspect.Crds.Capture;

namespace Inspect.Operator.Core.Translation;

/// <summary>The operator's configuration that bounds what a Capture may ask for.</summary>
public sealed record OperatorSettings
{
    /// <summary>The absolute directory on every node under which nodeDirectory outputs live.</summary>
    public string NodeDirectoryBasePath { get; init; } = "/var/lib/inspect/captures";

    /// <summary>The longest duration a Capture may ask for.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The most flight-recorder history a Capture may ask for.</summary>
    public TimeSpan MaxPreTrigger { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The snaplen used when the spec has none.</summary>
    public int DefaultSnaplen { get; init; } = 80;

    /// <summary>The storage used when the spec has no output; null when there is none.</summary>
    public S3Output? DefaultOutput { get; init; }

    /// <summary>Concurrent captures one node may run; 0 or less means unlimited.</summary>
    public int MaxConcurrentCapturesPerNode { get; init; }

    /// <summary>
    /// Whether a Capture may turn redaction off or drop the built-in rules. Off by default, as on the agents: such a
    /// Capture is refused before anything starts (<see cref="SpecRules.RedactionOptOut"/>), so clusters whose API
    /// server has no ValidatingAdmissionPolicy still refuse it in one place, with one reason.
    /// </summary>
    public bool AllowCaptureOptOut { get; init; }

    /// <summary>Concurrent captures the cluster may run; 0 or less means unlimited.</summary>
    public int MaxConcurrentCapturesPerCluster { get; init; }
}
