using Inspect.Scap.Reading;

namespace Inspect.Agent.Tests.Support;

/// <summary>The events of a capture as (type, thread id, timestamp) triples, read back with the Inspect.Scap reader.</summary>
internal static class RecordedEvents
{
    public static List<(ushort Type, long Tid, ulong Ts)> Read(byte[] capture)
    {
        using var reader = new ScapReader(new MemoryStream(capture));
        var events = new List<(ushort, long, ulong)>();
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event)
            {
                var e = reader.Event;
                events.Add((e.Type, e.ThreadId, e.Timestamp));
            }
        }

        return events;
    }
}
