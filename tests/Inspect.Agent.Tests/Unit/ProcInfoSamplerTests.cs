using System.Buffers.Binary;
using Inspect.Agent.Capture;
using Inspect.Agent.Snapshot;

namespace Inspect.Agent.Tests.Unit;

/// <summary>CPU samples: one procinfo event per live thread seen, as sysdig's live capture writes them.</summary>
public sealed class ProcInfoSamplerTests
{
    private const ulong Now = 1_700_000_003_250_000_000;

    [Fact]
    public void Samples_every_live_thread_seen_until_it_exits()
    {
        var ticks = new Dictionary<long, (ulong, ulong)> { [10] = (5, 1), [11] = (7, 2) };
        using var sampler = new ProcInfoSampler(tid => ticks.TryGetValue(tid, out var t) ? t : null);
        var sink = new RecordingSink();
        sampler.Observe(10);
        sampler.Observe(10);
        sampler.Observe(11);
        sampler.Observe(-1);

        Assert.Equal(2, sampler.WriteSamples(sink, CaptureLimits.None, Now));
        Assert.Equal(["10 5 1", "11 7 2"], sink.Samples.Order());
        Assert.All(sink.Timestamps, ts => Assert.Equal(1_700_000_002_999_999_999UL, ts));

        // A thread stays sampled while it lives, even without new events; one that exited is dropped.
        ticks[10] = (9, 1);
        ticks.Remove(11);
        sink.Clear();
        Assert.Equal(1, sampler.WriteSamples(sink, CaptureLimits.None, Now + 1_000_000_000));
        Assert.Equal(["10 9 1"], sink.Samples);
        ticks[11] = (1, 1);
        sink.Clear();
        Assert.Equal(1, sampler.WriteSamples(sink, CaptureLimits.None, Now + 2_000_000_000));
    }

    [Fact]
    public void Samples_stop_at_the_byte_limit()
    {
        using var sampler = new ProcInfoSampler(_ => (1, 1));
        sampler.Observe(1);
        sampler.Observe(2);
        var sink = new RecordingSink();
        var limits = new CaptureLimits(MaxBytes: 70);
        Assert.Equal(1, sampler.WriteSamples(sink, limits, Now));
    }

    [Fact]
    public void Ticks_are_read_from_proc_for_a_live_thread()
    {
        var ticks = ProcInfoSampler.FromProc(Environment.ProcessId);
        Assert.NotNull(ticks);
        Assert.True(ticks.Value.User + ticks.Value.System > 0, "this test process has used some CPU");
        Assert.Null(ProcInfoSampler.FromProc(int.MaxValue));
        Assert.NotNull(ProcStat.Parse(File.ReadAllText($"/proc/{Environment.ProcessId}/stat")));
    }

    private sealed class RecordingSink : ICaptureSink
    {
        public List<string> Samples { get; } = [];

        public List<ulong> Timestamps { get; } = [];

        public long BytesWritten { get; private set; }

        public void Clear()
        {
            Samples.Clear();
            Timestamps.Clear();
        }

        public void WriteMetadata(SystemSnapshot snapshot)
        {
        }

        public void WriteRedactionSummary(Inspect.Scap.Model.RedactionSummary summary)
        {
        }

        public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
        {
            Assert.Equal(234, BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[20..]));
            Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(scapEvent[22..]));
            var tid = BinaryPrimitives.ReadInt64LittleEndian(scapEvent[8..]);
            var user = BinaryPrimitives.ReadUInt64LittleEndian(scapEvent[30..]);
            var system = BinaryPrimitives.ReadUInt64LittleEndian(scapEvent[38..]);
            Samples.Add($"{tid} {user} {system}");
            Timestamps.Add(BinaryPrimitives.ReadUInt64LittleEndian(scapEvent));
            BytesWritten += ScapBlockSize.OfEvent(scapEvent.Length);
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
