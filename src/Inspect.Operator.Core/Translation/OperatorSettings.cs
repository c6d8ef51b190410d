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

    /// <summary>Concurrent captures the cluster may run; 0 or less means unlimited.</summary>
    public int MaxConcurrentCapturesPerCluster { get; init; }
}
