using System.Buffers.Binary;
using Inspect.Scap.Format;
using Inspect.Scap.Reading;

namespace Inspect.Scap.Tests;

/// <summary>Each kind of damage is reported with the offset of the damaged structure and what was wrong.</summary>
public sealed class CorruptInputTests
{
    private static readonly byte[] Capture = WriteCapture();

    [Fact]
    public void Truncated_block_names_the_block_offset()
    {
        var (offset, length) = FindBlock(0x216, occurrence: 3);
        var error = ReadFails(Capture[..(offset + (length / 2))]);
        Assert.Equal(offset, error.Offset);
        Assert.Contains("truncated block", error.Message, StringComparison.Ordinal);
        Assert.Contains($"declares {length} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_block_header_is_reported()
    {
        var (offset, _) = FindBlock(0x216, occurrence: 2);
        var error = ReadFails(Capture[..(offset + 5)]);
        Assert.Equal(offset, error.Offset);
        Assert.Contains("truncated block header: 5 of 8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_byte_order_magic_is_refused()
    {
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 0x4D3C2B1A);
        var error = ReadFails(bytes);
        Assert.Equal(8, error.Offset);
        Assert.Contains("invalid byte-order magic 0x4D3C2B1A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newer_major_version_is_refused()
    {
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), 2);
        var error = ReadFails(bytes);
        Assert.Contains("unsupported capture format version 2.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_trailer_of_a_metadata_block_is_refused()
    {
        var (offset, length) = FindBlock(0x201);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + length - 4), 196);
        var error = ReadFails(bytes);
        Assert.Equal(offset + length - 4, error.Offset);
        Assert.Contains("wrong block trailer: header says 192 bytes, trailer says 196", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4u, "shorter than its 12-byte header")]
    [InlineData(0xFFFFFFF0u, "more than the")]
    [InlineData(70000u, "greater than the non-LARGE limit")]
    public void Impossible_block_lengths_are_refused(uint length, string problem)
    {
        var (offset, _) = FindBlock(0x216, occurrence: 1);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 4), length);
        var error = ReadFails(bytes);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_declared_length_costs_no_more_memory_than_the_data()
    {
        // A 900 MiB block declared in a 3 KiB file: the buffer may only grow as far as bytes really arrive.
        var (offset, _) = FindBlock(0x215);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 4), 900u << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadFails(bytes);
        Assert.Contains("truncated block", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "reading allocated more than 16 MiB");
    }

    [Fact]
    public void Unknown_block_before_events_is_skipped_like_libscap_does()
    {
        var (offset, _) = FindBlock(0x219);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), 0x7777);
        using var reader = new ScapReader(new MemoryStream(bytes));
        var events = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            Assert.NotEqual(ScapRecordKind.InterfaceList, kind);
            events += kind == ScapRecordKind.Event ? 1 : 0;
        }

        Assert.Equal(1, reader.SkippedBlocks);
        Assert.Equal(15, events);
    }

    [Fact]
    public void Metadata_block_after_events_without_a_new_section_is_refused()
    {
        var (offset, _) = FindBlock(0x216, occurrence: 4);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), 0x201);
        var error = ReadFails(bytes);
        Assert.Equal(offset, error.Offset);
        Assert.Contains("after events", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_lengths_that_overrun_the_event_are_refused()
    {
        // The first openat exit: header (26) then six u16 lengths; inflate the name length past the event's end.
        var (offset, _) = FindBlock(0x216, occurrence: 2);
        var eventOffset = offset + 10;
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(eventOffset + 26 + 4), 5000);
        var error = ReadFails(bytes);
        Assert.Equal(eventOffset, error.Offset);
        Assert.Contains("parameter lengths of event type 307 add up to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_count_that_overruns_the_event_is_refused()
    {
        var (offset, _) = FindBlock(0x216, occurrence: 2);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 10 + 22), 100_000);
        var error = ReadFails(bytes);
        Assert.Contains("declares 100000 parameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_longer_than_its_block_is_refused()
    {
        var (offset, _) = FindBlock(0x216, occurrence: 2);
        var bytes = (byte[])Capture.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 10 + 16), 60_000);
        var error = ReadFails(bytes);
        Assert.Equal(offset + 10, error.Offset);
        Assert.Contains("event length 60000 is impossible", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_that_does_not_start_with_a_section_header_is_refused()
    {
        var error = ReadFails(Capture[28..]);
        Assert.Equal(0, error.Offset);
        Assert.Contains("not a scap capture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenated_captures_read_as_sections()
    {
        using var reader = new ScapReader(new MemoryStream([.. Capture, .. Capture]));
        var events = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            events += kind == ScapRecordKind.Event ? 1 : 0;
        }

        Assert.Equal(1, reader.SectionIndex);
        Assert.Equal(30, events);
    }

    private static ScapFormatException ReadFails(byte[] bytes)
    {
        using var reader = new ScapReader(new MemoryStream(bytes));
        return Assert.Throws<ScapFormatException>(() =>
        {
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                if (kind == ScapRecordKind.Event)
                {
                    _ = reader.Event.Timestamp;
                }
            }
        });
    }

    private static (int Offset, int Length) FindBlock(uint type, int occurrence = 1)
    {
        var offset = 0;
        while (offset < Capture.Length)
        {
            var blockType = BinaryPrimitives.ReadUInt32LittleEndian(Capture.AsSpan(offset));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(Capture.AsSpan(offset + 4));
            if (blockType == type && --occurrence == 0)
            {
                return (offset, length);
            }

            offset += length;
        }

        throw new InvalidOperationException($"no block of type 0x{type:X} in the test capture");
    }

    private static byte[] WriteCapture()
    {
        using var stream = new MemoryStream();
        SyntheticCapture.Write(stream);
        return stream.ToArray();
    }
}
