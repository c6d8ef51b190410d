using System.Buffers.Binary;
using Inspect.Scap.Format;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Scap.Tests;

/// <summary>The redaction summary block: written among the metadata, read back, kept by a rewrite, and checked.</summary>
public sealed class RedactionBlockTests
{
    private static readonly RedactionSummary Summary = new(true, [new("jwt", 3), new("http-authorization", 0), new("ticket-id", 12)]);

    [Fact]
    public void Summary_round_trips_and_survives_a_rewrite()
    {
        var file = Write(Summary);
        var (first, events) = ReadSummary(file);

        using var copy = new MemoryStream();
        using (var writer = new ScapWriter(copy, leaveOpen: true))
        using (var reader = new ScapReader(new MemoryStream(file)))
        {
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                writer.WriteRecord(reader, kind);
            }
        }

        Assert.Equal(Summary.Rules, first!.Rules);
        Assert.True(first.Final);
        Assert.Equal(15, first.Total);
        Assert.Equal(1, events);
        Assert.Equal(Summary.Rules, ReadSummary(copy.ToArray()).Summary!.Rules);
    }

    [Fact]
    public void The_block_keeps_its_size_whatever_the_counts_so_it_can_be_overwritten()
    {
        var zero = RedactionBlockEncoder.Encode(Summary with { Final = false, Rules = [.. Summary.Rules.Select(r => r with { Count = 0 })] });
        var final = RedactionBlockEncoder.Encode(Summary);

        Assert.Equal(zero.Length, final.Length);
        Assert.Equal(0, zero.Length % 4);
        Assert.Equal(BlockTypes.CustomCopyable, BinaryPrimitives.ReadUInt32LittleEndian(final));
    }

    [Fact]
    public void Other_custom_blocks_are_skipped()
    {
        var file = Write(Summary);
        var tagAt = 28 + 8 + 4;
        file[tagAt] ^= 0xFF;

        var (summary, events) = ReadSummary(file);

        Assert.Null(summary);
        Assert.Equal(1, events);
    }

    [Fact]
    public void A_rule_count_larger_than_the_block_is_refused_with_its_offset()
    {
        var file = Write(Summary);
        var countAt = 28 + 8 + 4 + 16 + 4;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(countAt), 1000);

        var error = Assert.Throws<ScapFormatException>(() => ReadSummary(file));

        Assert.Equal(countAt, error.Offset);
        Assert.Contains("claims 1000 rules", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Write(RedactionSummary summary)
    {
        using var output = new MemoryStream();
        using (var writer = new ScapWriter(output, leaveOpen: true))
        using (var builder = new ScapEventBuilder())
        {
            writer.WriteSectionHeader();
            writer.WriteRedactionSummary(summary);
            writer.WriteEvent(builder.Begin(5, 1, 1).Int64(0).Build(), 0);
        }

        return output.ToArray();
    }

    private static (RedactionSummary? Summary, int Events) ReadSummary(byte[] file)
    {
        RedactionSummary? summary = null;
        var events = 0;
        using var reader = new ScapReader(new MemoryStream(file));
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            summary = kind == ScapRecordKind.RedactionSummary ? reader.Redaction : summary;
            events += kind == ScapRecordKind.Event ? 1 : 0;
        }

        return (summary, events);
    }
}
