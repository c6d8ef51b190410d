using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Agent.Host.FlightRecorder;

/// <summary>What a ring held when a capture asked for its history: the system snapshot and the events, in memory
/// (bounded by the ring's budget), for <see cref="HistoryFirstSink"/> to write ahead of the live events, with what the
/// node's rules had masked in them.</summary>
public sealed class RingHistory : ICaptureSink, IProcessTableMaskSink
{
    private readonly List<(byte[] Event, ushort Cpu)> _events = [];

    /// <summary>The snapshot the ring wrote (processes and fds known at the time, with those that exited since).</summary>
    public SystemSnapshot? Snapshot { get; private set; }

    /// <summary>The events, oldest first.</summary>
    public IReadOnlyList<(byte[] Event, ushort Cpu)> Events => _events;

    /// <summary>The ring's account of the window (how far back it really reached).</summary>
    public FlightRecording? Recording { get; internal set; }

    /// <summary>Secrets the ring's redaction masked in <see cref="Events"/> and <see cref="Snapshot"/> together, per
    /// rule; null when the ring records without redaction.</summary>
    public RedactionSummary? Redaction { get; private set; }

    /// <summary>Secrets masked per rule in each entry of <see cref="Snapshot"/> that had any, by thread id: the capture
    /// keeps only some entries, and counts only theirs.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<RuleCount>> MaskedByThread { get; private set; } = new Dictionary<long, IReadOnlyList<RuleCount>>();

    public long BytesWritten { get; private set; }

    public void WriteMetadata(SystemSnapshot snapshot) => Snapshot = snapshot;

    /// <summary>Kept: the last one written holds the final counts.</summary>
    public void WriteRedactionSummary(RedactionSummary summary) => Redaction = summary;

    public void WriteProcessTableMasks(IReadOnlyDictionary<long, IReadOnlyList<RuleCount>> maskedByThread) => MaskedByThread = maskedByThread;

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
