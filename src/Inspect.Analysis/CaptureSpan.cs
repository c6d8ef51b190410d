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

    /// <summary>Scans the capture's event timestamps; with a window, only the events inside it count.</summary>
    public static CaptureSpan Measure(string path, TimeWindow? window = null)
    {
        using var reader = ScapReader.Open(path);
        return Measure(reader, window);
    }

    /// <summary>Scans what <paramref name="reader"/> has left; with a window, only the events inside it count.</summary>
    public static CaptureSpan Measure(ScapReader reader, TimeWindow? window = null)
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

                    if (window is not null && (captureStart == 0 || !window.Contains(evt.Timestamp, captureStart)))
                    {
                        continue;
                    }

                    last = evt.Timestamp;
                    if (first == 0 && !isContainer)
                    {
                        first = evt.Timestamp;
                    }

                    break;
            }
        }
    }
}
