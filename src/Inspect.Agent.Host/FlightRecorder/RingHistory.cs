using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Agent.Host.FlightRecorder;

/// <summary>What a ring held when a capture asked for its history: the system snapshot and the events, in memory
/// (bounded by the ring's budget), for <see cref="HistoryFirstSink"/> to write ahead of the live events.</summary>
public sealed class RingHistory : ICaptureSink
{
    private readonly List<(byte[] Event, ushort Cpu)> _events = [];

    /// <summary>The snapshot the ring wrote (processes and fds known at the time, with those that exited since).</summary>
    public SystemSnapshot? Snapshot { get; private set; }

    /// <summary>The events, oldest first.</summary>
    public IReadOnlyList<(byte[] Event, ushort Cpu)> Events => _events;

    /// <summary>The ring's account of the window (how far back it really reached).</summary>
    public FlightRecording? Recording { get; internal set; }

    public long BytesWritten { get; private set; }

    public void WriteMetadata(SystemSnapshot snapshot) => Snapshot = snapshot;

    /// <summary>Ignored: the ring only lends its events to a capture, whose own sink records the redaction.</summary>
    public void WriteRedactionSummary(RedactionSummary summary)
    {
    }

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        _events.Add((scapEvent.ToArray(), cpu));
        BytesWritten += scapEvent.Length;
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
