namespace Inspect.Operator.Controllers;

/// <summary>How often the controller looks again, and how long it waits for agents.</summary>
public sealed record ControllerTimings
{
    /// <summary>How often a running capture's agents are asked for progress.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often agents are asked while a node's part is still starting (loading the probe): the Capture
    /// shows Capturing within this of the agent recording, which matters for alert-triggered captures.</summary>
    public TimeSpan StartingPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a capture waiting for targets or for a concurrency slot is translated again.</summary>
    public TimeSpan PendingRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an agent may stay unreachable before its part of a capture is declared failed.</summary>
    public TimeSpan AgentUnreachableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a deleted capture's agents get to stop and store what they recorded before the finalizer goes.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The deadline of one call to an agent.</summary>
    public TimeSpan AgentCallTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
