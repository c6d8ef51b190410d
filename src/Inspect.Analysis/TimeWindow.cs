namespace Inspect.Analysis;

/// <summary>One end of a time window: an absolute time, or an offset from the capture's first event.</summary>
/// <param name="Nanoseconds">Nanoseconds since the Unix epoch, or since the capture's start when <paramref name="FromCaptureStart"/>.</param>
/// <param name="FromCaptureStart">The value is an offset from the capture's first event (written <c>+5s</c>).</param>
public readonly record struct TimeBound(ulong Nanoseconds, bool FromCaptureStart)
{
    /// <summary>The absolute time, given the timestamp of the capture's first event.</summary>
    public ulong Resolve(ulong captureStart) => FromCaptureStart ? captureStart + Nanoseconds : Nanoseconds;
}

/// <summary>
/// The part of a capture a verb looks at, like Sysdig Inspect's timeline selection: events from <see cref="From"/> to
/// <see cref="To"/>, both included. Offsets are resolved against the capture's first event once it is known.
/// </summary>
public sealed class TimeWindow(TimeBound? from, TimeBound? to)
{
    private bool _resolved;

    public TimeBound? From { get; } = from;

    public TimeBound? To { get; } = to;

    /// <summary>First included timestamp, once resolved.</summary>
    public ulong Start { get; private set; }

    /// <summary>Last included timestamp, once resolved.</summary>
    public ulong End { get; private set; } = ulong.MaxValue;

    /// <summary>Fixes the window's ends given the capture's first event timestamp (needed by offsets only).</summary>
    public void Resolve(ulong captureStart)
    {
        Start = From?.Resolve(captureStart) ?? 0;
        End = To?.Resolve(captureStart) ?? ulong.MaxValue;
        _resolved = true;
    }

    /// <summary>
    /// Whether an event at <paramref name="timestamp"/> lies in the window. <paramref name="captureStart"/> is the
    /// capture's first event timestamp, 0 while only leading container metadata has been read (always inside).
    /// </summary>
    public bool Contains(ulong timestamp, ulong captureStart)
    {
        if (!_resolved)
        {
            if (captureStart == 0)
            {
                return true;
            }

            Resolve(captureStart);
        }

        return timestamp >= Start && timestamp <= End;
    }
}
