using System.Buffers.Binary;
using System.Collections.Concurrent;
using Inspect.Agent.Capture;
using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// A capture sink that writes nothing until asked: it keeps the last <see cref="FlightRecorderOptions.Before"/> plus
/// <see cref="FlightRecorderOptions.After"/> of events in a bounded <see cref="EventRing"/>, and on a trigger at time T
/// writes a .scap file holding the events from T − Before to T + After, once T + After has passed. Container metadata
/// events are kept apart (they are few and every recording needs them). Triggers may come from any thread; recordings
/// are written on the capture thread, in <see cref="Flush"/>, so the ring is never shared.
/// Redaction: the session masks every event before it reaches the ring, so the ring holds (in memory only) what a
/// file would hold; what each event had masked is kept with it in the ring and leaves with it, so each recording's
/// counts (in its metadata and in <see cref="FlightRecording.Redaction"/>) are those of the events and process-table
/// entries it holds, no more and no fewer.
/// </summary>
public sealed class FlightRecorderSink : ICaptureSink
{
    private const int MaxContainerEvents = 4096;

    private readonly FlightRecorderOptions _options;
    private readonly ISystemSnapshotSource _snapshots;
    private readonly TimeProvider _clock;
    private readonly EventRing _ring;
    private readonly List<(byte[] Event, ushort Cpu)> _containerEvents = [];
    private readonly ConcurrentQueue<PendingTrigger> _triggers = new();
    private readonly List<PendingTrigger> _waiting = [];
    private RedactedProcessTable? _baseline;
    private EventRedactor? _redactor;
    private MaskTally? _tally;

    public FlightRecorderSink(FlightRecorderOptions options, ISystemSnapshotSource snapshots, TimeProvider clock)
    {
        _options = options;
        _snapshots = snapshots;
        _clock = clock;
        _ring = new EventRing(options.MaxBytes, options.Before + options.After + options.Grace);
    }

    /// <summary>Bytes of events received so far (the ring holds at most its budget of them).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Events the ring holds now.</summary>
    public long EventsHeld => _ring.Events;

    /// <summary>Memory the ring's chunks take.</summary>
    public long RingBytes => _ring.AllocatedBytes;

    /// <summary>Asks for a recording around <paramref name="at"/>, written to the sink <paramref name="open"/> returns
    /// (which the recorder disposes). Completes once written, or faults with the writing error.</summary>
    /// <param name="at">The trigger's time.</param>
    /// <param name="open">Opens the recording's sink.</param>
    /// <param name="notBeforeNs">Leaves out events older than this (ns since the epoch), even inside the window.</param>
    public Task<FlightRecording> Trigger(DateTimeOffset at, Func<ICaptureSink> open, ulong notBeforeNs = 0)
    {
        var pending = new PendingTrigger(at, open, notBeforeNs);
        _triggers.Enqueue(pending);
        return pending.Completion.Task;
    }

    /// <summary>The session's redactor: the ring redacts the process table itself, to know each entry's masks, and
    /// reads after every event what that event had masked.</summary>
    public bool RedactsProcessTable(EventRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        _redactor = redactor;
        _tally = new MaskTally(redactor.Counts, redactor.Rules.Rules.Count);
        return true;
    }

    public void WriteMetadata(SystemSnapshot snapshot)
    {
        _baseline = RedactedProcessTable.Of(snapshot, _redactor);
        _tally?.TakeNew();
    }

    /// <summary>Ignored: the session's counts cover everything the ring ever saw; each recording writes its own.</summary>
    public void WriteRedactionSummary(RedactionSummary summary)
    {
    }

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        BytesWritten += scapEvent.Length;
        // The session redacted this event just before: what it masked belongs to it (container events and CPU
        // samples are not redacted, and mask nothing).
        var masked = _tally?.TakeNew();
        if (scapEvent.Length >= 26 && BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[20..]) == EventTable.ContainerJson2)
        {
            if (_containerEvents.Count < MaxContainerEvents)
            {
                _containerEvents.Add((scapEvent.ToArray(), cpu));
            }

            return;
        }

        if (_ring.Append(scapEvent, cpu) && masked is not null)
        {
            for (var rule = 0; rule < masked.Length; rule++)
            {
                if (masked[rule] > 0)
                {
                    _ring.NoteMasked(rule, masked[rule]);
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool WantsFlush => !_triggers.IsEmpty || _waiting.Count > 0;

    /// <summary>Writes the recordings whose window has passed.</summary>
    public void Flush() => WriteDue(force: false);

    /// <summary>Writes every recording asked for, with what the ring holds, then lets the ring go.</summary>
    public void Dispose() => WriteDue(force: true);

    private void WriteDue(bool force)
    {
        while (_triggers.TryDequeue(out var trigger))
        {
            _waiting.Add(trigger);
        }

        var now = _clock.GetUtcNow();
        foreach (var trigger in _waiting.Where(t => force || now >= t.At + _options.After + _options.Grace).ToList())
        {
            _waiting.Remove(trigger);
            try
            {
                trigger.Completion.SetResult(Write(trigger));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                trigger.Completion.SetException(e);
            }
        }
    }

    private FlightRecording Write(PendingTrigger trigger)
    {
        var atNs = EpochNs(trigger.At);
        var fromNs = Math.Max(atNs - (ulong)_options.Before.Ticks * 100, trigger.NotBeforeNs);
        var toNs = atNs + (ulong)_options.After.Ticks * 100;
        var oldest = _ring.OldestNs ?? atNs;

        // The machine's table now, redacted like the ring's events (with a redactor of its own: the session's stream
        // state and counts stay the ring's), plus the entries of the ring's start that have exited since.
        var rules = _redactor?.Rules;
        var table = RedactedProcessTable.Of(_snapshots.Take(), rules is null ? null : new EventRedactor(rules)).WithExitedFrom(_baseline);
        var masked = new long[rules?.Rules.Count ?? 0];
        foreach (var counts in table.MaskedByThread.Values)
        {
            Add(masked, counts);
        }

        using var output = trigger.Open();
        output.WriteMetadata(table.Snapshot);
        if (rules is not null)
        {
            output.WriteRedactionSummary(Summary(rules, masked, final: false));
            (output as IProcessTableMaskSink)?.WriteProcessTableMasks(table.MaskedByThread.ToDictionary(m => m.Key, m => (IReadOnlyList<RuleCount>)Named(rules, m.Value)));
        }

        foreach (var (scapEvent, cpu) in _containerEvents)
        {
            output.WriteEvent(scapEvent, cpu);
        }

        var events = _ring.ForEach(fromNs, toNs, (scapEvent, cpu, maskedInEvent) =>
        {
            output.WriteEvent(scapEvent, cpu);
            foreach (var mask in maskedInEvent)
            {
                masked[mask.Rule] += mask.Count;
            }
        });
        var redaction = rules is null ? null : Summary(rules, masked, final: true);
        if (redaction is not null)
        {
            output.WriteRedactionSummary(redaction);
        }

        output.Flush();
        return new FlightRecording(events, fromNs, Math.Max(fromNs, oldest), toNs, CutShort: oldest > fromNs && _ring.EvictedEarly > 0, redaction);
    }

    private static void Add(long[] total, long[] more)
    {
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += more[i];
        }
    }

    private static RedactionSummary Summary(RedactionRuleSet rules, long[] masked, bool final) => new(final, [.. rules.Rules.Select((r, i) => new RuleCount(r.Name, masked[i]))]);

    // Rules that masked something, by name.
    private static RuleCount[] Named(RedactionRuleSet rules, long[] masked) =>
        [.. rules.Rules.Select((r, i) => new RuleCount(r.Name, masked[i])).Where(c => c.Count > 0)];

    private static ulong EpochNs(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private sealed record PendingTrigger(DateTimeOffset At, Func<ICaptureSink> Open, ulong NotBeforeNs)
    {
        public TaskCompletionSource<FlightRecording> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
