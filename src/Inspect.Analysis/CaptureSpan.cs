using Inspect.Analysis.State;
using Inspect.Scap.Reading;

namespace Inspect.Analysis;

/// <summary>
/// The first and last event timestamps of a capture as sysdig counts them (the first event that is not container
/// metadata, the last event of a type sysdig knows), read without building any state.
/// </summary>
public readonly record struct CaptureSpan(ulong First, ulong Last)
{
    public ulong Duration => Last >= First ? Last - First : 0;

    /// <summary>Scans the capture's events for their timestamps only.</summary>
    public static CaptureSpan Measure(string path)
    {
        using var reader = ScapReader.Open(path);
        ulong first = 0, last = 0;
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

                    last = evt.Timestamp;
                    if (first == 0 && !EventCodes.IsContainer(evt.Type))
                    {
                        first = evt.Timestamp;
                    }

                    break;
            }
        }
    }

    /// <summary>The part of this span inside <paramref name="window"/> (the whole span when there is none).</summary>
    public CaptureSpan Within(TimeWindow? window)
    {
        if (window is null || First == 0)
        {
            return this;
        }

        window.Resolve(First);
        var first = Math.Max(First, window.Start);
        var last = Math.Min(Last, window.End);
        return last >= first ? new CaptureSpan(first, last) : new CaptureSpan(first, first);
    }
}
