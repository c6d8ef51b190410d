namespace Inspect.Agent.FlightRecorder;

/// <summary>How much history the flight recorder keeps.</summary>
/// <param name="Before">How far back a recording reaches from its trigger.</param>
/// <param name="After">How long a recording goes on after its trigger.</param>
/// <param name="MaxBytes">Memory the ring may use; when events arrive faster than it holds <paramref name="Before"/>
/// plus <paramref name="After"/>, the oldest go early and recordings say they were cut short.</param>
public sealed record FlightRecorderOptions(TimeSpan Before, TimeSpan After, long MaxBytes)
{
    /// <summary>The default memory budget: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>How long after the end of a recording's window it is written, so events still in the kernel's rings are included.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMilliseconds(500);
}
