using System.Buffers.Binary;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>Reading a capture backwards from its end sees the blocks the forward reader sees, in reverse.</summary>
public sealed class TailReadingTests
{
    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Backwards_reading_visits_the_forward_readers_events_in_reverse(string name)
    {
        var path = PlainSamples.WriteTemp(PlainSamples.Bytes(name));
        try
        {
            var forward = new List<(long Offset, ulong Timestamp, ushort Type, int Length)>();
            using (var reader = ScapReader.Open(path))
            {
                while (reader.Read() is var kind && kind != ScapRecordKind.End)
                {
                    if (kind == ScapRecordKind.Event)
                    {
                        var e = reader.Event;
                        forward.Add((reader.RecordOffset, e.Timestamp, e.Type, e.EncodedLength));
                    }
                }
            }

            var backward = new List<(long Offset, ulong Timestamp, ushort Type, int Length)>();
            using (var tail = ScapTailReader.TryOpen(path))
            {
                Assert.NotNull(tail);
                while (tail.MovePrevious())
                {
                    if (tail.IsEvent)
                    {
                        var e = tail.Event;
                        backward.Add((tail.RecordOffset, e.Timestamp, e.Type, e.EncodedLength));
                    }
                }

                Assert.True(tail.IsConsistent);
                Assert.Equal(0, tail.RecordOffset);
            }

            backward.Reverse();
            Assert.Equal(forward, backward);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Backwards_reading_crosses_the_mapped_windows_of_a_large_file()
    {
        // A sample's records replayed until the file spans several 8 MiB windows of the memory-mapped reader.
        var sample = PlainSamples.WriteTemp(PlainSamples.Bytes("libs_sample.scap"));
        var path = PlainSamples.WriteTemp([]);
        try
        {
            using (var writer = ScapWriter.Create(path))
            {
                for (var pass = 0; writer.BytesWritten < 20 << 20; pass++)
                {
                    using var reader = ScapReader.Open(sample);
                    while (reader.Read() is var kind && kind != ScapRecordKind.End)
                    {
                        if (pass == 0 || kind == ScapRecordKind.Event)
                        {
                            writer.WriteRecord(reader, kind);
                        }
                    }
                }
            }

            var forward = new List<(long Offset, ulong Timestamp)>();
            using (var reader = ScapReader.Open(path))
            {
                while (reader.Read() is var kind && kind != ScapRecordKind.End)
                {
                    if (kind == ScapRecordKind.Event)
                    {
                        forward.Add((reader.RecordOffset, reader.Event.Timestamp));
                    }
                }
            }

            var backward = new List<(long Offset, ulong Timestamp)>();
            using (var tail = ScapTailReader.TryOpen(path)!)
            {
                while (tail.MovePrevious())
                {
                    if (tail.IsEvent)
                    {
                        backward.Add((tail.RecordOffset, tail.Event.Timestamp));
                    }
                }

                Assert.True(tail.IsConsistent);
            }

            backward.Reverse();
            Assert.True(new FileInfo(path).Length > 2 * (8 << 20));
            Assert.Equal(forward, backward);
        }
        finally
        {
            File.Delete(sample);
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_stops_before_the_given_offset()
    {
        var path = PlainSamples.WriteTemp(PlainSamples.Bytes("libs_sample.scap"));
        try
        {
            using var tail = ScapTailReader.TryOpen(path)!;
            var offsets = new List<long>();
            while (tail.MovePrevious())
            {
                offsets.Add(tail.RecordOffset);
            }

            var stop = offsets[offsets.Count / 2];
            using var again = ScapTailReader.TryOpen(path)!;
            var seen = 0;
            while (again.MovePrevious(stopBefore: stop))
            {
                Assert.True(again.RecordOffset > stop);
                seen++;
            }

            Assert.Equal(offsets.Count / 2, seen);
            Assert.True(again.IsConsistent);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_truncated_end_is_reported_as_inconsistent_not_read()
    {
        var bytes = PlainSamples.Bytes("libs_sample.scap");
        var path = PlainSamples.WriteTemp(bytes[..^7]);
        try
        {
            using var tail = ScapTailReader.TryOpen(path)!;
            Assert.False(tail.MovePrevious());
            Assert.False(tail.IsConsistent);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_trailer_that_disagrees_with_its_header_is_reported_as_inconsistent()
    {
        var bytes = PlainSamples.Bytes("libs_sample.scap");
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), trailer + 4);
        var path = PlainSamples.WriteTemp(bytes);
        try
        {
            using var tail = ScapTailReader.TryOpen(path)!;
            Assert.False(tail.MovePrevious());
            Assert.False(tail.IsConsistent);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Compressed_captures_cannot_be_read_backwards()
    {
        var gzip = RepoPaths.SampleFiles.First(f => File.ReadAllBytes(f) is [0x1F, 0x8B, ..]);
        Assert.Null(ScapTailReader.TryOpen(gzip));
    }
}
