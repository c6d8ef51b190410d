using System.Buffers.Binary;
using System.Collections.Concurrent;
using Inspect.Agent.Capture;
using Inspect.Agent.Snapshot;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// A capture sink that writes nothing until asked: it keeps the last <see cref="FlightRecorderOptions.Before"/> plus
/// <see cref="FlightRecorderOptions.After"/> of events in a bounded <see cref="EventRing"/>, and on a trigger at time T
/// writes a .scap file holding the events from T − Before to T + After, once T + After has passed. Container metadata
/// events are kept apart (they are few and every recording needs them). Triggers may come from any thread; recordings
/// are written on the capture thread, in <see cref="Flush"/>, so the ring is never shared.
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
    private SystemSnapshot? _baseline;
    private RedactionSummary? _redaction;

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
    public Task<FlightRecording> Trigger(DateTimeOffset at, Func<ICaptureSink> open)
    {
        var pending = new PendingTrigger(at, open);
        _triggers.Enqueue(pending);
        return pending.Completion.Task;
    }

    public void WriteMetadata(SystemSnapshot snapshot) => _baseline = snapshot;

    /// <summary>Kept for the recordings: each says the capture was redacted, with the counts known when it is written
    /// (marked not final while the capture goes on).</summary>
    public void WriteRedactionSummary(RedactionSummary summary) => _redaction = summary;

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        BytesWritten += scapEvent.Length;
        if (scapEvent.Length >= 26 && BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[20..]) == EventTable.ContainerJson2)
        {
            if (_containerEvents.Count < MaxContainerEvents)
            {
                _containerEvents.Add((scapEvent.ToArray(), cpu));
            }

            return;
        }

        _ring.Append(scapEvent, cpu);
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
        var fromNs = atNs - (ulong)_options.Before.Ticks * 100;
        var toNs = atNs + (ulong)_options.After.Ticks * 100;
        var oldest = _ring.OldestNs ?? atNs;
        using var output = trigger.Open();
        output.WriteMetadata(SnapshotMerge.WithExitedFrom(_snapshots.Take(), _baseline));
        if (_redaction is not null)
        {
            output.WriteRedactionSummary(_redaction);
        }

        foreach (var (scapEvent, cpu) in _containerEvents)
        {
            output.WriteEvent(scapEvent, cpu);
        }

        var events = _ring.ForEach(fromNs, toNs, output.WriteEvent);
        output.Flush();
        return new FlightRecording(events, fromNs, Math.Max(fromNs, oldest), toNs, CutShort: oldest > fromNs && _ring.EvictedEarly > 0);
    }

    private static ulong EpochNs(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private sealed record PendingTrigger(DateTimeOffset At, Func<ICaptureSink> Open)
    {
        public TaskCompletionSource<FlightRecording> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
