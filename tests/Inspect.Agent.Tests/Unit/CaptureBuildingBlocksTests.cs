using Inspect.Agent.Capture;
using Inspect.Agent.Probe;
using Inspect.Agent.Tests.Support;

namespace Inspect.Agent.Tests.Unit;

/// <summary>The small parts of a capture: record framing, the cgroups of process events, whole-block writes, quantities.</summary>
public sealed class CaptureBuildingBlocksTests
{
    [Fact]
    public void Record_reader_hands_out_each_event_and_its_ring()
    {
        var first = FramedRecords.CloseExit(1, 10);
        var second = FramedRecords.CloneExit(2, 11, "cpu=/a");
        var batch = new FramedRecords().Add(first, ring: 0).Add(second, ring: 1).ToArray();

        var reader = new ProbeRecordReader(batch);
        Assert.True(reader.TryRead(out var e1, out var r1));
        Assert.True(reader.TryRead(out var e2, out var r2));
        var end = reader.TryRead(out _, out _);

        Assert.Equal(first, e1.ToArray());
        Assert.Equal(second, e2.ToArray());
        Assert.Equal((0, 1), (r1, r2));
        Assert.False(end);
    }

    [Fact]
    public void Record_reader_rejects_corrupt_framing()
    {
        var batch = new FramedRecords().Add(FramedRecords.CloseExit(1, 10)).ToArray();
        batch[0] = 13;

        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ProbeRecordReader(batch);
            reader.TryRead(out _, out _);
        });
    }

    [Fact]
    public void Cgroups_are_found_only_in_process_events()
    {
        Assert.True(ProcessEventCgroups.TryGet(FramedRecords.CloneExit(1, 2, "cpu=/x", "memory=/y"), out var cgroups));
        Assert.Equal("cpu=/x\0memory=/y\0", System.Text.Encoding.UTF8.GetString(cgroups));
        Assert.False(ProcessEventCgroups.TryGet(FramedRecords.CloseExit(1, 2), out _));
        Assert.False(ProcessEventCgroups.TryGet(FramedRecords.CloneExit(1, 2, "cpu=/x").AsSpan(0, 60), out _));
    }

    [Fact]
    public void Whole_block_stream_never_splits_a_write()
    {
        using var file = new RecordingStream();
        using (var stream = new WholeBlockStream(file, capacity: 100, leaveOpen: true))
        {
            foreach (var size in new[] { 40, 40, 40, 150, 10, 90, 5 })
            {
                stream.Write(new byte[size]);
            }

            stream.Flush();
        }

        // Each physical write is a run of whole logical writes: 40+40 | 40 | 150 | 10+90 | 5.
        Assert.Equal([80, 40, 150, 100, 5], file.Writes);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("30s", 30)]
    [InlineData("250ms", 0.25)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    public void Durations_parse(string text, double seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), QuantityParser.Duration(text));

    [Theory]
    [InlineData("4096", 4096)]
    [InlineData("10k", 10240)]
    [InlineData("100M", 104857600)]
    [InlineData("1G", 1073741824)]
    [InlineData("2MiB", 2097152)]
    public void Sizes_parse(string text, long bytes) => Assert.Equal(bytes, QuantityParser.Bytes(text));

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10 parsecs")]
    [InlineData("0")]
    public void Nonsense_quantities_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => QuantityParser.Duration(text));
        Assert.Throws<FormatException>(() => QuantityParser.Bytes(text));
    }

    [Fact]
    public void Cgroup_v2_mount_is_found_in_hybrid_and_pure_layouts()
    {
        const string hybrid = "tmpfs /sys/fs/cgroup tmpfs rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n";
        const string pure = "cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0\n";

        Assert.Equal("/sys/fs/cgroup/unified", CgroupV2Mount.FindMountPoint(hybrid));
        Assert.Equal("/sys/fs/cgroup", CgroupV2Mount.FindMountPoint(pure));
        Assert.Null(CgroupV2Mount.FindMountPoint("proc /proc proc rw 0 0\n"));
    }

    [Fact]
    public void Block_size_matches_what_the_writer_writes()
    {
        foreach (var scapEvent in new[] { FramedRecords.CloseExit(1, 2), FramedRecords.CloneExit(1, 2, "cpu=/abc") })
        {
            using var output = new MemoryStream();
            using (var writer = new Scap.Writing.ScapWriter(output, leaveOpen: true))
            {
                writer.WriteEvent(scapEvent, 0);
            }

            Assert.Equal(output.Length, ScapBlockSize.OfEvent(scapEvent.Length));
        }
    }

    // Span writes of a MemoryStream subclass end up here too (Stream's span overload forwards to the array one).
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(count);
            base.Write(buffer, offset, count);
        }
    }
}
