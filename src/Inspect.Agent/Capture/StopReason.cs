namespace Inspect.Agent.Capture;

/// <summary>Why a capture ended.</summary>
public enum StopReason
{
    /// <summary>The caller asked (Ctrl-C, SIGTERM, the recorded command exited); queued events were written.</summary>
    Requested,

    /// <summary>The duration limit passed; queued events were written.</summary>
    Duration,

    /// <summary>The next event would have made the file larger than the byte limit.</summary>
    MaxBytes,

    /// <summary>The event limit was reached.</summary>
    MaxEvents,
}
