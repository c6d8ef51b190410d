namespace Inspect.Agent.Capture;

/// <summary>When a capture stops on its own. Null means no limit.</summary>
/// <param name="Duration">Wall-clock time from the start of event recording.</param>
/// <param name="MaxBytes">File size (before compression) the capture never exceeds.</param>
/// <param name="MaxEvents">Captured events (container metadata events not counted).</param>
public sealed record CaptureLimits(TimeSpan? Duration = null, long? MaxBytes = null, long? MaxEvents = null)
{
    public static CaptureLimits None { get; } = new();

    /// <summary>Whether the duration is over.</summary>
    public bool DurationReached(TimeSpan elapsed) => Duration is { } d && elapsed >= d;

    /// <summary>Whether <paramref name="eventsWritten"/> events are all that may be written.</summary>
    public bool EventCountReached(long eventsWritten) => MaxEvents is { } max && eventsWritten >= max;

    /// <summary>Whether a block of <paramref name="blockBytes"/> still fits after <paramref name="bytesWritten"/> bytes.</summary>
    public bool Fits(long bytesWritten, long blockBytes) => MaxBytes is not { } max || bytesWritten + blockBytes <= max;

    /// <summary>How long the capture may still wait for events, or null without a duration limit.</summary>
    public TimeSpan? Remaining(TimeSpan elapsed) => Duration is { } d ? (d > elapsed ? d - elapsed : TimeSpan.Zero) : null;
}
