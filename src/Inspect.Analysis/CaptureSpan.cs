using Inspect.Analysis.State;
using Inspect.Scap.Reading;

namespace Inspect.Analysis;

/// <summary>
/// The first and last event timestamps of a capture, or of the part of it inside a time window, as sysdig counts
/// them (the first event that is not container metadata, the last event of a type sysdig knows), read without
/// building any state.
/// </summary>
public readonly record struct CaptureSpan(ulong First, ulong Last)
{
    public ulong Duration => Last >= First ? Last - First : 0;

    /// <summary>
    /// Scans the capture's event timestamps; with a window, only the events inside it count. A plain file is read
    /// forwards only up to its first counted event and backwards from its end to its last, which for a whole capture
    /// is a few blocks at each end.
    /// </summary>
    public static CaptureSpan Measure(string path, TimeWindow? window = null)
    {
        using var reader = ScapReader.Open(path);
        using var tail = ScapTailReader.TryOpen(path);
        return Measure(reader, window, tail);
    }

    /// <summary>
    /// Scans what <paramref name="reader"/> has left; with a window, only the events inside it count. Given
    /// <paramref name="tail"/>, a backwards reader of the same file, the forward scan stops at the first counted
    /// event and the last one is looked for from the end; if the file's end does not add up, the forward scan goes on
    /// to the end as without it.
    /// </summary>
    public static CaptureSpan Measure(ScapReader reader, TimeWindow? window = null, ScapTailReader? tail = null)
    {
        ulong captureStart = 0, first = 0, last = 0;
        while (true)
        {
            switch (reader.Read())
            {
                case ScapRecordKind.End:
                    return new CaptureSpan(first, last);
                case ScapRecordKind.Event:
                    var evt = reader.Event;
                    if (evt.Info is null)
                    {
                        continue;
                    }

                    var isContainer = EventCodes.IsContainer(evt.Type);
                    if (captureStart == 0 && !isContainer)
                    {
                        captureStart = evt.Timestamp;
                    }

                    if (!Counts(evt.Timestamp, captureStart, window))
                    {
                        continue;
                    }

                    last = evt.Timestamp;
                    if (first == 0 && !isContainer)
                    {
                        first = evt.Timestamp;
                        if (tail is not null && LastFromEnd(tail, reader.RecordOffset, captureStart, window) is { } fromEnd)
                        {
                            return new CaptureSpan(first, fromEnd.Timestamp ?? last);
                        }
                    }

                    break;
            }
        }
    }

    private static bool Counts(ulong timestamp, ulong captureStart, TimeWindow? window) =>
        window is null || (captureStart != 0 && window.Contains(timestamp, captureStart));

    /// <summary>
    /// The timestamp of the last counted event after offset <paramref name="after"/>, read backwards from the file's
    /// end: Some(null) when there is none (the forward scan's last stands), null when the file's end does not add up.
    /// </summary>
    private static Found? LastFromEnd(ScapTailReader tail, long after, ulong captureStart, TimeWindow? window)
    {
        while (tail.MovePrevious(stopBefore: after))
        {
            if (!tail.IsEvent)
            {
                continue;
            }

            var evt = tail.Event;
            if (evt.Info is not null && Counts(evt.Timestamp, captureStart, window))
            {
                return new Found(evt.Timestamp);
            }
        }

        return tail.IsConsistent ? new Found(null) : null;
    }

    private readonly record struct Found(ulong? Timestamp);
}
