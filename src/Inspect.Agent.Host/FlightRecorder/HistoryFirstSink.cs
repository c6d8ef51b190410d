using System.Buffers.Binary;
using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Agent.Host.FlightRecorder;

/// <summary>
/// Starts a capture with a ring's history: the first metadata merges the ring's snapshot (so processes seen only
/// before the trigger are known), then the ring's events from <paramref name="fromNs"/> on are written, then the live
/// events. The ring is asked for its history (<paramref name="askRing"/>) only when that first metadata arrives: the
/// session writes it after the live probe attached, so the history reaches up to the moment live recording began,
/// however long the probe took to load (over a second on a busy node). The ring and the live session then overlap by
/// the ring's write delay; live events not newer than the last historical one are dropped, so nothing appears twice.
/// Container metadata events are always kept. The ring redacted its events with the node's rules;
/// <paramref name="historyRedactor"/>, when given, applies the capture's own rules to them as well. What both masked
/// in the history written (events, and the process-table entries taken from the ring) is
/// <see cref="HistoryRedactions"/>, and is added to the counts the session writes into the file's metadata, so the
/// file's counts cover all of it.
/// </summary>
public sealed class HistoryFirstSink(ICaptureSink inner, Func<Task<RingHistory>> askRing, ulong fromNs, EventRedactor? historyRedactor = null) : ICaptureSink
{
    private static readonly TimeSpan HistoryTimeout = TimeSpan.FromSeconds(5);

    private readonly List<RuleCount> _historyRedactions = [];
    private ulong _lastHistoricalNs;
    private bool _historyWritten;
    private bool _summaryWritten;
    private List<(byte[] Event, ushort Cpu)>? _unwritten;

    /// <summary>Events taken from the ring, counted as the capture's writer counts them (CPU samples not included).</summary>
    public long HistoricalEvents { get; private set; }

    /// <summary>The oldest historical event written, ns since the epoch (0 when none).</summary>
    public ulong OldestNs { get; private set; }

    public long BytesWritten => inner.BytesWritten;

    public bool WantsFlush => inner.WantsFlush;

    /// <summary>Live events that reached this sink and were dropped because the history already held them (those the
    /// writer skipped on <see cref="Skips"/> it never counted).</summary>
    public long Overlapping { get; private set; }

    /// <summary>Secrets masked per rule in the history written: by the ring (node rules) in its events and in the
    /// process-table entries the capture took from it, and by <c>historyRedactor</c> (the capture's rules).</summary>
    public IReadOnlyList<RuleCount> HistoryRedactions => _historyRedactions;

    /// <summary>Why the history could not be written, when it could not.</summary>
    public string? Problem { get; private set; }

    public void WriteMetadata(SystemSnapshot snapshot)
    {
        if (_historyWritten)
        {
            inner.WriteMetadata(snapshot);
            return;
        }

        _historyWritten = true;
        RingHistory history;
        try
        {
            var pending = askRing();
            history = pending.Wait(HistoryTimeout) ? pending.Result : throw new TimeoutException($"the ring did not write its history within {HistoryTimeout.TotalSeconds} s");
        }
        catch (Exception e) when (e is AggregateException or TimeoutException)
        {
            Problem = e is AggregateException { InnerException: { } inner1 } ? inner1.Message : e.Message;
            inner.WriteMetadata(snapshot);
            return;
        }

        inner.WriteMetadata(history.Snapshot is { } before ? SnapshotMerge.WithExitedFrom(snapshot, before) : snapshot);
        CountRingMasks(history, snapshot);

        // The history's events wait for the first event, flush or close: the session may still add a metadata block
        // (the redaction counts) right after the snapshot, and metadata must precede every event of the section. They
        // are chosen and redacted now, so the counts the session writes next can include them.
        _unwritten = Prepare(history);
        if (historyRedactor is not null)
        {
            Add(historyRedactor.Counts.ToSummary(final: true).Rules);
        }
    }

    // The ring counted every event it wrote and every process-table entry it had; of its entries the capture keeps
    // only those of processes that have exited since (SnapshotMerge), so the others' masks are taken out again.
    private void CountRingMasks(RingHistory history, SystemSnapshot live)
    {
        if (history.Redaction is not { } ring)
        {
            return;
        }

        Add(ring.Rules);
        var kept = live.Threads.Select(t => t.Tid).ToHashSet();
        foreach (var (_, masked) in history.MaskedByThread.Where(m => kept.Contains(m.Key)))
        {
            Add(masked.Select(c => c with { Count = -c.Count }));
        }
    }

    private void Add(IEnumerable<RuleCount> counts)
    {
        foreach (var count in counts)
        {
            var index = _historyRedactions.FindIndex(r => r.Rule == count.Rule);
            if (index < 0)
            {
                _historyRedactions.Add(count);
            }
            else
            {
                _historyRedactions[index] = count with { Count = _historyRedactions[index].Count + count.Count };
            }
        }
    }

    private List<(byte[] Event, ushort Cpu)> Prepare(RingHistory history)
    {
        var kept = new List<(byte[] Event, ushort Cpu)>(history.Events.Count);
        foreach (var (scapEvent, cpu) in history.Events)
        {
            var ts = BinaryPrimitives.ReadUInt64LittleEndian(scapEvent);
            if (!IsContainerEvent(scapEvent))
            {
                // The ring was asked for nothing older (its counts cover exactly what it wrote); kept as a guard.
                if (ts < fromNs)
                {
                    continue;
                }

                _lastHistoricalNs = Math.Max(_lastHistoricalNs, ts);
                OldestNs = OldestNs == 0 ? ts : Math.Min(OldestNs, ts);
                if (Type(scapEvent) != EventTable.ProcInfo)
                {
                    HistoricalEvents++;
                }
            }

            historyRedactor?.Redact(scapEvent);
            kept.Add((scapEvent, cpu));
        }

        return kept;
    }

    private void WriteHistory()
    {
        if (_unwritten is not { } history)
        {
            return;
        }

        _unwritten = null;
        if (!_summaryWritten && RedactionTotals.Combine(null, _historyRedactions) is { } historyOnly)
        {
            // The live part is not redacted (the Capture opted out), but the history is: the file says what it masked.
            _summaryWritten = true;
            inner.WriteRedactionSummary(historyOnly);
        }

        foreach (var (scapEvent, cpu) in history)
        {
            inner.WriteEvent(scapEvent, cpu);
        }
    }

    /// <summary>The session's counts of the live part, with the history's added.</summary>
    public void WriteRedactionSummary(RedactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _summaryWritten = true;
        inner.WriteRedactionSummary(RedactionTotals.Combine(summary, _historyRedactions)!);
    }

    // Asked by the writer before it redacts and counts a live event: one the history already holds is skipped there,
    // so the capture's redaction counts and event count cover only what the file keeps.
    public bool Skips(ReadOnlySpan<byte> scapEvent)
    {
        WriteHistory();
        return IsOverlapping(scapEvent);
    }

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        WriteHistory();
        if (IsOverlapping(scapEvent))
        {
            Overlapping += Type(scapEvent) == EventTable.ProcInfo ? 0 : 1;
            return;
        }

        inner.WriteEvent(scapEvent, cpu);
    }

    public void Flush()
    {
        WriteHistory();
        inner.Flush();
    }

    public void Dispose()
    {
        WriteHistory();
        inner.Dispose();
    }

    private bool IsOverlapping(ReadOnlySpan<byte> scapEvent) =>
        scapEvent.Length >= 26 && !IsContainerEvent(scapEvent) && BinaryPrimitives.ReadUInt64LittleEndian(scapEvent) <= _lastHistoricalNs;

    private static bool IsContainerEvent(ReadOnlySpan<byte> scapEvent) => Type(scapEvent) == EventTable.ContainerJson2;

    private static ushort Type(ReadOnlySpan<byte> scapEvent) =>
        scapEvent.Length >= 26 ? BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[20..]) : (ushort)0;
}
