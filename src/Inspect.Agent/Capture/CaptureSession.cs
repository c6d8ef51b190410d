using System.Buffers;
using Inspect.Agent.Containers;
using Inspect.Agent.Probe;
using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;

namespace Inspect.Agent.Capture;

/// <summary>
/// Runs one capture: targets and attaches the probe, writes the machine's state (metadata blocks from a /proc
/// snapshot, then one container event per container the snapshot shows), then moves event batches from the probe to
/// the sink until stopped or a limit is reached, flushing whole blocks regularly. The probe is attached before the
/// snapshot so no process started meanwhile is missed; its events wait in the kernel rings.
/// </summary>
public sealed class CaptureSession(IProbe probe, ISystemSnapshotSource snapshots, IPodMetadataSource pods, TimeProvider clock)
{
    /// <summary>Called once the probe records and the file's metadata is written (e.g. to resume a suspended command).</summary>
    public Action? Recording { get; init; }

    /// <summary>Called every <see cref="CaptureOptions.ProgressInterval"/> while recording.</summary>
    public Action<CaptureProgress>? Progress { get; init; }

    /// <summary>A thread's cumulative user and system CPU ticks (null once it has exited), sampled once a second.</summary>
    public Func<long, (ulong User, ulong System)?> ThreadTicks { get; init; } = ProcInfoSampler.FromProc;

    /// <summary>The CPU time this process has used so far (all threads); the capture reports what recording cost.</summary>
    public Func<TimeSpan> ProcessCpuTime { get; init; } = static () => Environment.CpuUsage.TotalTime;

    /// <summary>Threads whose events a whole-machine capture leaves out: the capturing process's own.</summary>
    public OwnThreads OwnThreads { get; init; } = OwnThreads.OfCurrentProcess();

    /// <summary>Captures into <paramref name="sink"/> until <paramref name="stop"/> is cancelled or a limit of <paramref name="options"/> is reached.</summary>
    public CaptureResult Run(ICaptureSink sink, CaptureOptions options, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        probe.SetSnaplen(options.Snaplen);
        ApplyTarget(options.Target);
        probe.Attach();

        var redactor = options.Redaction is { } rules ? new EventRedactor(rules) : null;
        var snapshot = snapshots.Take();
        if (redactor is not null && !sink.RedactsProcessTable(redactor))
        {
            // Running processes' command lines and environments are in the process table: the same rules apply.
            snapshot = snapshot with { Threads = snapshot.Threads.Select(redactor.Redact).ToList() };
        }

        sink.WriteMetadata(snapshot);
        if (redactor is not null)
        {
            sink.WriteRedactionSummary(redactor.Counts.ToSummary(final: false));
        }

        using var containerEvents = new ContainerEventFactory(pods);

        // Only a whole-machine capture sees the agent itself; pid and cgroup targets never include it.
        var ownThreads = options.Target is CaptureTarget.All ? OwnThreads : null;
        ownThreads?.Refresh();
        using var sampler = new ProcInfoSampler(ThreadTicks);
        var writer = new CaptureEventWriter(sink, options.Limits, containerEvents, ownThreads) { Sampler = sampler, Redactor = redactor };
        var reason = writer.WriteContainers(writer.Discovery.Observe(snapshot.CgroupPaths), snapshot.TakenAtNs);
        sink.Flush();
        Recording?.Invoke();

        var started = clock.GetTimestamp();
        var cpuAtStart = ProcessCpuTime();
        var buffer = ArrayPool<byte>.Shared.Rent(options.BatchBufferBytes);
        try
        {
            reason ??= Record(writer, sampler, ownThreads, sink, options, buffer, started, stop);
            probe.Detach();
            if (reason is StopReason.Requested or StopReason.Duration)
            {
                reason = Drain(writer, buffer) ?? reason;
            }

            // A last CPU sample closes the interval of every thread seen since the previous one.
            sampler.WriteSamples(sink, options.Limits, EpochNanoseconds(clock.GetUtcNow()));

            var redaction = redactor?.Counts.ToSummary(final: true);
            if (redaction is not null)
            {
                sink.WriteRedactionSummary(redaction);
            }

            sink.Flush();
            return new CaptureResult(reason.Value, writer.Events, sink.BytesWritten, writer.Containers, clock.GetElapsedTime(started), probe.ReadStatistics(), redaction, ProcessCpuTime() - cpuAtStart);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // sysdig's live capture samples thread CPU time once a second; readers expect that cadence.
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private static ulong EpochNanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private void ApplyTarget(CaptureTarget target)
    {
        switch (target)
        {
            case CaptureTarget.All:
                probe.TargetAllProcesses();
                break;
            case CaptureTarget.ProcessTree(var pid):
                probe.TargetProcess(pid);
                break;
            case CaptureTarget.CgroupTree(var path):
                probe.TargetCgroup(path);
                break;
            case CaptureTarget.CgroupTrees(var paths):
                foreach (var path in paths)
                {
                    probe.TargetCgroup(path);
                }

                break;
            default:
                throw new ArgumentException($"unknown capture target {target}", nameof(target));
        }
    }

    private StopReason Record(CaptureEventWriter writer, ProcInfoSampler sampler, OwnThreads? ownThreads, ICaptureSink sink, CaptureOptions options, byte[] buffer, long started, CancellationToken stop)
    {
        var lastSample = started;
        var lastFlush = started;
        var lastProgress = started;
        var flushedBytes = sink.BytesWritten;
        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                return StopReason.Requested;
            }

            var elapsed = clock.GetElapsedTime(started);
            if (options.Limits.DurationReached(elapsed))
            {
                return StopReason.Duration;
            }

            // Wake up at least once per flush interval, so flushing, progress and Ctrl-C never wait on quiet targets.
            var wait = options.Limits.Remaining(elapsed) is { } left && left < options.FlushInterval ? left : options.FlushInterval;
            var filled = probe.Consume(buffer, wait);
            if (writer.WriteBatch(buffer.AsSpan(0, filled)) is { } reason)
            {
                return reason;
            }

            // Let events accumulate rather than chase them one by one: a BPF ring signals the reader (an interrupt
            // on the traced task's CPU) for every event written while the reader is caught up, which costs the
            // traced workload far more than the latency of a short pause costs the capture.
            if (filled > 0 && filled < buffer.Length / 2 && options.BatchPause > TimeSpan.Zero)
            {
                Thread.Sleep(options.BatchPause);
            }

            var now = clock.GetTimestamp();
            if (clock.GetElapsedTime(lastSample, now) >= SampleInterval)
            {
                sampler.WriteSamples(sink, options.Limits, EpochNanoseconds(clock.GetUtcNow()));
                lastSample = now;
            }

            if (clock.GetElapsedTime(lastFlush, now) >= options.FlushInterval)
            {
                if (sink.BytesWritten != flushedBytes || sink.WantsFlush)
                {
                    sink.Flush();
                    flushedBytes = sink.BytesWritten;
                }

                lastFlush = now;
            }

            if (clock.GetElapsedTime(lastProgress, now) >= options.ProgressInterval)
            {
                Progress?.Invoke(new CaptureProgress(clock.GetElapsedTime(started, now), writer.Events, sink.BytesWritten, probe.ReadStatistics().Drops));
                ownThreads?.Refresh();
                foreach (var cgroup in options.NewCgroups?.Invoke() ?? [])
                {
                    probe.TargetCgroup(cgroup);
                }

                lastProgress = now;
            }
        }
    }

    // After detaching, what the rings still hold belongs to the capture: it happened before the stop.
    private StopReason? Drain(CaptureEventWriter writer, byte[] buffer)
    {
        while (true)
        {
            var filled = probe.Consume(buffer, TimeSpan.Zero);
            if (filled == 0)
            {
                return null;
            }

            if (writer.WriteBatch(buffer.AsSpan(0, filled)) is { } reason)
            {
                return reason;
            }
        }
    }
}
