using Inspect.Scap.Reading;
using Inspect.Scap.Writing;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>Whatever the reader gets from a real capture, the writer puts back: every record survives a rewrite.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Rewrite_keeps_every_record(string name)
    {
        var original = CaptureFiles.ReadAll(RepoPaths.Sample(name));
        foreach (var compress in new[] { false, true })
        {
            using var copy = new MemoryStream();
            Rewrite(RepoPaths.Sample(name), copy, compress);
            copy.Position = 0;
            var rewritten = CaptureFiles.ReadAll(copy);
            Assert.Equal(original.Metadata, rewritten.Metadata);
            Assert.Equal(original.Events, rewritten.Events);
        }
    }

    [Fact]
    public void Rewritten_file_uses_the_blocks_old_sysdig_reads()
    {
        // falco_syscall.scap is a v1-event, PL_V8, FDL v1, IL/UL v1 file: the rewrite must be all version-2 forms.
        using var copy = new MemoryStream();
        Rewrite(RepoPaths.Sample("falco_syscall.scap"), copy, compress: false);
        copy.Position = 0;
        using var blocks = new ScapBlockReader(copy);
        var types = new HashSet<uint>();
        while (blocks.MoveNext())
        {
            types.Add(blocks.BlockType);
            Assert.Equal(0, blocks.Block.Length % 4);
            Assert.Equal((uint)blocks.Block.Length, blocks.Trailer);
        }

        Assert.Subset(new HashSet<uint> { 0x0A0D0D0A, 0x201, 0x219, 0x220, 0x215, 0x218, 0x216 }, types);
        Assert.Equal(7, types.Count);
    }

    private static void Rewrite(string path, Stream output, bool compress)
    {
        using var reader = ScapReader.Open(path);
        using var writer = new ScapWriter(output, compress, leaveOpen: true);
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            writer.WriteRecord(reader, kind);
        }
    }
}
