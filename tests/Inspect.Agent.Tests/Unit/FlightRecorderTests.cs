using Inspect.Agent.Capture;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Tests.Support;
using Inspect.Scap.Events;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Tests.Unit;

/// <summary>The flight recorder's ring and sink, with synthetic events and a manual clock.</summary>
public sealed class FlightRecorderTests
{
    private const ushort CloseExit = 55; // PPME_SYSCALL_CLOSE_X: one errno parameter
    private const ulong Second = 1_000_000_000;

    [Fact]
    public void Ring_forgets_events_older_than_its_window()
    {
        var ring = new EventRing(maxBytes: 64 << 20, TimeSpan.FromSeconds(10), chunkBytes: 64 * 1024);
        var start = 1_800_000_000 * Second;
        for (var i = 0; i < 60_000; i++)
        {
            Assert.True(ring.Append(Event(start + (ulong)i * (Second / 1000), 7), cpu: 1)); // 60 s at 1 kHz
        }

        // Whole chunks go, so the ring holds the window plus at most one chunk's worth of older events.
        Assert.True(ring.OldestNs >= start + 50 * Second - Second, $"oldest {(ring.OldestNs - start) / (double)Second} s");
        Assert.True(ring.OldestNs <= start + 50 * Second);
        Assert.Equal(start + 59_999 * (Second / 1000), ring.NewestNs);
        Assert.Equal(0, ring.EvictedEarly);

        var inWindow = ring.ForEach(start + 55 * Second, start + 56 * Second, (_, cpu, _) => Assert.Equal(1, cpu));
        Assert.Equal(1001, inWindow);
    }

    [Fact]
    public void Ring_never_holds_more_than_its_byte_budget()
    {
        var ring = new EventRing(maxBytes: 256 * 1024, TimeSpan.FromHours(1), chunkBytes: 64 * 1024);
        var start = 1_800_000_000 * Second;
        for (var i = 0; i < 100_000; i++)
        {
            ring.Append(Event(start + (ulong)i, 7), cpu: 0);
        }

        Assert.True(ring.AllocatedBytes <= 256 * 1024 + 64 * 1024, $"{ring.AllocatedBytes} bytes held");
        Assert.True(ring.EvictedEarly > 0);
        Assert.True(ring.Events < 100_000);
        Assert.Equal(ring.Events, ring.ForEach(0, ulong.MaxValue, (_, _, _) => { }));
    }

    [Fact]
    public void Ring_refuses_events_larger_than_a_chunk()
    {
        var ring = new EventRing(maxBytes: 256 * 1024, TimeSpan.FromSeconds(1), chunkBytes: 64 * 1024);
        var huge = new byte[70 * 1024];
        Assert.False(ring.Append(huge, 0));
        Assert.Equal(0, ring.Events);
    }

    [Fact]
    public async Task A_trigger_writes_the_window_around_it_once_it_has_passed()
    {
        var clock = new ManualClock();
        var snapshots = new FakeSnapshotSource();
        var options = new FlightRecorderOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 16 << 20);
        using var recorder = new FlightRecorderSink(options, snapshots, clock);
        recorder.WriteMetadata(snapshots.Take());
        var t0 = Ns(clock.GetUtcNow());

        // A container event early on, then one event every 100 ms for 20 s.
        recorder.WriteEvent(ContainerEvent(t0), 0);
        for (var i = 0; i < 100; i++)
        {
            recorder.WriteEvent(Event(t0 + (ulong)i * Second / 10, 100), 0);
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        var output = new MemoryStream();
        var written = recorder.Trigger(clock.GetUtcNow(), () => new ScapFileSink(output, leaveOpen: true));
        for (var i = 100; i < 200; i++)
        {
            recorder.WriteEvent(Event(t0 + (ulong)i * Second / 10, 100), 0);
        }

        Assert.True(recorder.WantsFlush);
        clock.Advance(TimeSpan.FromSeconds(2));
        recorder.Flush();
        Assert.False(written.IsCompleted); // T + after has passed, the grace for late events has not

        clock.Advance(TimeSpan.FromSeconds(1));
        recorder.Flush();
        Assert.True(written.IsCompletedSuccessfully);
        Assert.False(recorder.WantsFlush);

        var events = RecordedEvents.Read(output.ToArray());
        var syscalls = events.Where(e => e.Type == CloseExit).Select(e => e.Ts).ToList();
        Assert.Equal(t0 + 50 * Second / 10, syscalls.Min()); // T − 5 s
        Assert.Equal(t0 + 120 * Second / 10, syscalls.Max()); // T + 2 s
        var recording = await written;
        Assert.Equal(71, syscalls.Count);
        Assert.Equal(71, recording.Events);
        Assert.False(recording.CutShort);

        // The container event from before the window is kept: the recording needs it.
        Assert.Equal(EventTable.ContainerJson2, events[0].Type);
        Assert.Equal(2, snapshots.Taken); // a fresh process table for the recording
    }

    [Fact]
    public async Task Recordings_cut_short_by_the_byte_budget_say_so()
    {
        var clock = new ManualClock();
        var snapshots = new FakeSnapshotSource();
        using var recorder = new FlightRecorderSink(new FlightRecorderOptions(TimeSpan.FromSeconds(60), TimeSpan.Zero, 4 << 20), snapshots, clock);
        recorder.WriteMetadata(snapshots.Take());
        var t0 = Ns(clock.GetUtcNow());
        for (var i = 0; i < 400_000; i++)
        {
            recorder.WriteEvent(Event(t0 + (ulong)i * 100_000, 100), 0); // 40 s at 10 kHz: more than 4 MiB
        }

        clock.Advance(TimeSpan.FromSeconds(40));
        var output = new MemoryStream();
        var written = recorder.Trigger(clock.GetUtcNow(), () => new ScapFileSink(output, leaveOpen: true));
        Assert.True(recorder.RingBytes <= (5L << 20) + (1 << 20), $"{recorder.RingBytes} bytes");
        recorder.Dispose(); // a capture ending writes what is pending
        var recording = await written;
        Assert.True(recording.CutShort);
        Assert.True(recording.FromNs > recording.RequestedFromNs);
        Assert.Equal(recording.Events, RecordedEvents.Read(output.ToArray()).Count(e => e.Type == CloseExit));
    }

    private static ulong Ns(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static byte[] Event(ulong timestamp, long tid)
    {
        using var builder = new ScapEventBuilder();
        return builder.Begin(CloseExit, timestamp, tid).Int64(0).Build().ToArray();
    }

    private static byte[] ContainerEvent(ulong timestamp)
    {
        using var builder = new ScapEventBuilder();
        return builder.Begin(EventTable.ContainerJson2, timestamp, 100).Bytes("{\"container\":{\"id\":\"abc\"}}"u8).Build().ToArray();
    }
}
