using Inspect.Agent.Capture;
using Inspect.Agent.Containers;
using Inspect.Agent.Probe;
using Inspect.Agent.Tests.Support;
using Inspect.Scap.Events;

namespace Inspect.Agent.Tests.Unit;

/// <summary>Capture sessions against a fake probe and a manual clock: ordering, limits, stopping, drains, containers.</summary>
public sealed class CaptureSessionTests : IDisposable
{
    private const string ContainerId = "abcdefabcdef0123456789abcdef0123456789abcdef0123456789abcdef0123";
    private const string PodUid = "11111111-2222-3333-4444-555555555555";

    private readonly ManualClock _clock = new();
    private readonly FakeProbe _probe;

    public CaptureSessionTests() => _probe = new FakeProbe(_clock);

    [Fact]
    public void Probe_is_configured_and_attached_before_the_snapshot_and_detached_at_the_end()
    {
        var snapshots = new FakeSnapshotSource();
        var session = Session(snapshots);
        Enqueue(3);

        var result = Run(session, new CaptureOptions { Target = CaptureTarget.Process(42), Snaplen = 200, Limits = new CaptureLimits(MaxEvents: 3) }, out var file);

        Assert.Equal(["snaplen 200", "target pid 42", "attach", "detach"], _probe.Calls);
        Assert.Equal(1, snapshots.Taken);
        Assert.Equal(StopReason.MaxEvents, result.Reason);
        Assert.Equal(3, RecordedEvents.Read(file).Count);
    }

    [Fact]
    public void Max_events_writes_exactly_that_many_events()
    {
        Enqueue(4);
        Enqueue(4);

        var result = Run(Session(), new CaptureOptions { Limits = new CaptureLimits(MaxEvents: 6) }, out var file);

        Assert.Equal(StopReason.MaxEvents, result.Reason);
        Assert.Equal(6, result.Events);
        Assert.Equal(6, RecordedEvents.Read(file).Count);
    }

    [Fact]
    public void Max_bytes_is_never_exceeded()
    {
        for (var i = 0; i < 50; i++)
        {
            Enqueue(10);
        }

        var result = Run(Session(), new CaptureOptions { Limits = new CaptureLimits(MaxBytes: 4096) }, out var file);

        Assert.Equal(StopReason.MaxBytes, result.Reason);
        Assert.True(file.Length <= 4096, $"{file.Length} bytes written");
        Assert.Equal(file.Length, result.Bytes);

        // Full: the next event would not have fitted.
        Assert.True(file.Length + ScapBlockSize.OfEvent(FramedRecords.CloseExit(0, 1).Length) > 4096);
        Assert.Equal(result.Events, RecordedEvents.Read(file).Count);
    }

    [Fact]
    public void Duration_stops_the_capture_and_keeps_what_was_queued()
    {
        _probe.ConsumeTakes = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 10; i++)
        {
            Enqueue(2);
        }

        // 10 batches at 1 s each, but 3.5 s allowed: the rest is drained after detaching, not dropped.
        var result = Run(Session(), new CaptureOptions { Limits = new CaptureLimits(Duration: TimeSpan.FromSeconds(3.5)) }, out var file);

        Assert.Equal(StopReason.Duration, result.Reason);
        Assert.Equal(20, result.Events);
        Assert.Equal(20, RecordedEvents.Read(file).Count);
        Assert.Equal(0, _probe.QueuedBatches);
    }

    [Fact]
    public void Duration_ends_an_idle_capture_on_time()
    {
        var result = Run(Session(), new CaptureOptions { Limits = new CaptureLimits(Duration: TimeSpan.FromSeconds(2)) }, out _);

        Assert.Equal(StopReason.Duration, result.Reason);
        Assert.Equal(TimeSpan.FromSeconds(2), result.Elapsed);
    }

    [Fact]
    public void Stop_request_drains_queued_events_then_ends()
    {
        using var stop = new CancellationTokenSource();
        Enqueue(1);
        Enqueue(1);
        Enqueue(1);
        _probe.OnConsume = call =>
        {
            if (call == 0)
            {
                stop.Cancel();
            }
        };

        var result = Run(Session(), new CaptureOptions(), out var file, stop.Token);

        Assert.Equal(StopReason.Requested, result.Reason);
        Assert.Equal(3, RecordedEvents.Read(file).Count);
    }

    [Fact]
    public void Snapshot_containers_come_before_every_event()
    {
        var snapshots = new FakeSnapshotSource($"/kubepods/besteffort/pod{PodUid}/{ContainerId}", "/", "/user.slice");
        Enqueue(2);

        var result = Run(Session(snapshots), new CaptureOptions { Limits = new CaptureLimits(MaxEvents: 2) }, out var file);

        var events = RecordedEvents.Read(file);
        Assert.Equal(1, result.Containers);
        Assert.Equal((EventTable.ContainerJson2, -1L, FakeSnapshotSource.TakenAtNs), events[0]);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void A_container_that_appears_during_the_capture_is_described_before_its_first_event()
    {
        var records = new FramedRecords()
            .Add(FramedRecords.CloseExit(1000, 7))
            .Add(FramedRecords.CloneExit(2000, 8, "cpu=/", $"memory=/docker/{ContainerId}"))
            .Add(FramedRecords.CloseExit(3000, 8))
            .Add(FramedRecords.CloneExit(4000, 9, "cpu=/", $"memory=/docker/{ContainerId}"));
        _probe.Enqueue(records);

        var result = Run(Session(), new CaptureOptions { Limits = new CaptureLimits(MaxEvents: 4) }, out var file);

        var types = RecordedEvents.Read(file).Select(e => e.Type).ToList();
        Assert.Equal([5, EventTable.ContainerJson2, 223, 5, 223], types);
        Assert.Equal(1, result.Containers);
        Assert.Equal(4, result.Events);
    }

    [Fact]
    public void Whole_machine_capture_leaves_out_the_agents_own_threads()
    {
        var tasks = Directory.CreateTempSubdirectory("inspect-own-tasks-");
        try
        {
            tasks.CreateSubdirectory("7");
            var session = new CaptureSession(_probe, new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock) { ThreadTicks = NoCpuSamples, OwnThreads = new OwnThreads(tasks.FullName) };
            _probe.Enqueue(new FramedRecords().Add(FramedRecords.CloseExit(1, 7)).Add(FramedRecords.CloseExit(2, 8)).Add(FramedRecords.CloseExit(3, 7)));

            var all = Run(session, new CaptureOptions { Limits = new CaptureLimits(Duration: TimeSpan.FromSeconds(1)) }, out var file);

            Assert.Equal(1, all.Events);
            Assert.Equal(8, Assert.Single(RecordedEvents.Read(file)).Tid);
        }
        finally
        {
            tasks.Delete(recursive: true);
        }
    }

    [Fact]
    public void Targeted_capture_keeps_every_thread_it_is_given()
    {
        var session = new CaptureSession(_probe, new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock) { ThreadTicks = NoCpuSamples, OwnThreads = new OwnThreads("/proc/self/task") };
        _probe.Enqueue(new FramedRecords().Add(FramedRecords.CloseExit(1, Environment.ProcessId)));

        var result = Run(session, new CaptureOptions { Target = CaptureTarget.Process(Environment.ProcessId), Limits = new CaptureLimits(MaxEvents: 1) }, out _);

        Assert.Equal(1, result.Events);
    }

    [Fact]
    public void Progress_is_reported_at_the_interval_with_drops()
    {
        _probe.Statistics = new ProbeStatistics(100, 5, 0, 0);
        var reports = new List<CaptureProgress>();
        var session = new CaptureSession(_probe, new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock) { ThreadTicks = NoCpuSamples, Progress = reports.Add };

        var result = Run(session, new CaptureOptions { Limits = new CaptureLimits(Duration: TimeSpan.FromSeconds(3)) }, out _);

        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(5UL, r.Drops));
        Assert.Equal(5UL, result.Drops);
    }

    [Fact]
    public void Recording_callback_runs_after_the_metadata_and_before_any_event()
    {
        var calls = new List<string>();
        var session = new CaptureSession(_probe, new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock)
        {
            ThreadTicks = NoCpuSamples,
            Recording = () => calls.Add($"recording, attached={_probe.Attached}"),
        };
        _probe.OnConsume = _ => calls.Add("consume");
        Enqueue(1);

        Run(session, new CaptureOptions { Limits = new CaptureLimits(MaxEvents: 1) }, out _);

        Assert.Equal(["recording, attached=True", "consume"], calls);
    }

    [Fact]
    public void Recorder_cpu_counts_the_recording_only_and_is_reported_per_event()
    {
        var cpu = TimeSpan.FromSeconds(10);
        var consumes = 0;
        var session = new CaptureSession(_probe, new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock)
        {
            ThreadTicks = NoCpuSamples,
            ProcessCpuTime = () => cpu,

            // Starting up (snapshot, metadata, resuming a command) is not the recording's cost.
            Recording = () => cpu += TimeSpan.FromSeconds(5),
        };
        _probe.OnConsume = _ =>
        {
            consumes++;
            cpu += TimeSpan.FromMilliseconds(250);
        };
        Enqueue(4);
        Enqueue(4);

        var result = Run(session, new CaptureOptions { Limits = new CaptureLimits(MaxEvents: 8) }, out _);

        Assert.Equal(8, result.Events);
        Assert.True(consumes >= 2, $"{consumes} consume calls");
        Assert.Equal(TimeSpan.FromMilliseconds(250 * consumes), result.RecorderCpu);
        Assert.Equal(250e6 * consumes / 8, result.RecorderCpuNsPerEvent, 3);
    }

    public void Dispose() => _probe.Dispose();

    private CaptureSession Session(FakeSnapshotSource? snapshots = null) =>
        new(_probe, snapshots ?? new FakeSnapshotSource(), new CgroupLayoutPodMetadataSource(), _clock) { ThreadTicks = NoCpuSamples };

    // The fake events name thread ids that may exist on this machine: keep real CPU samples out of these files
    // (ProcInfoSamplerTests covers sampling).
    private static (ulong User, ulong System)? NoCpuSamples(long tid) => null;

    private void Enqueue(int events)
    {
        var records = new FramedRecords();
        for (var i = 0; i < events; i++)
        {
            records.Add(FramedRecords.CloseExit((ulong)(1000 + i), 7));
        }

        _probe.Enqueue(records);
    }

    private static CaptureResult Run(CaptureSession session, CaptureOptions options, out byte[] file, CancellationToken? stop = null)
    {
        using var output = new MemoryStream();
        CaptureResult result;
        using (var sink = new ScapFileSink(output, leaveOpen: true))
        {
            result = session.Run(sink, options, stop ?? TestContext.Current.CancellationToken);
        }

        file = output.ToArray();
        return result;
    }
}
