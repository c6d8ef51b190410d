using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>
/// A plain capture file is read in place through a memory-mapped window, with a shortcut for the common event block;
/// a stream is read through a buffer. Both must return the same records, parameters and offsets, and for damaged
/// input the same error at the same place after the same records.
/// </summary>
public sealed class MappedReadingTests
{
    private const int VariantsPerSample = 100;

    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Samples))]
    public async Task A_damaged_file_reads_the_same_mapped_as_streamed(string name)
    {
        await Task.Yield();
        var original = MutationFuzzTests.Decompressed(RepoPaths.Sample(name));
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 0x3a9);
        var path = Path.Combine(Path.GetTempPath(), $"inspect-mapped-{Guid.NewGuid():N}.scap");
        try
        {
            var errors = 0;
            for (var i = 0; i < VariantsPerSample; i++)
            {
                var (variant, mutation) = i == 0 ? (original, "none") : MutationFuzzTests.Mutate(original, random);
                File.WriteAllBytes(path, variant);
                var (mapped, streamed) = ReadBothWays(path, variant);
                Assert.True(mapped.SequenceEqual(streamed), $"{name}, {mutation}: the mapped file reads differently from the stream");
                errors += mapped[^2].StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.True(errors > VariantsPerSample / 10, $"only {errors} of {VariantsPerSample} variants were rejected");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_larger_than_several_windows_reads_the_same_mapped_as_streamed()
    {
        // Sections back to back past several 8 MiB windows, so blocks straddle a window's end and take the general path.
        var one = MutationFuzzTests.Decompressed(RepoPaths.Sample("falco_ping_sendto.scap"));
        var copies = (int)(3 * MappedFileWindow.WindowSize / one.Length) + 1;
        var bytes = Enumerable.Repeat(one, copies).SelectMany(b => b).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"inspect-mapped-{Guid.NewGuid():N}.scap");
        try
        {
            File.WriteAllBytes(path, bytes);
            var (mapped, streamed) = ReadBothWays(path, bytes);
            Assert.Equal(copies, mapped.Count(r => r.StartsWith("SectionHeader", StringComparison.Ordinal)));
            Assert.Equal("end", mapped[^2]);
            Assert.Equal(streamed, mapped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void After_a_format_error_the_failed_record_is_not_presented_as_an_event()
    {
        var original = MutationFuzzTests.Decompressed(RepoPaths.Sample("libs_sample.scap"));
        var random = new Random(0x5ca9);
        var path = Path.Combine(Path.GetTempPath(), $"inspect-mapped-{Guid.NewGuid():N}.scap");
        var failuresAfterEvents = 0;
        try
        {
            for (var i = 0; i < 300 && failuresAfterEvents < 5; i++)
            {
                var (variant, _) = MutationFuzzTests.Mutate(original, random);
                File.WriteAllBytes(path, variant);
                using var reader = ScapReader.Open(path);
                var events = 0;
                try
                {
                    while (reader.Read() is var kind && kind != ScapRecordKind.End)
                    {
                        events += kind == ScapRecordKind.Event && reader.Event.Timestamp >= 0 ? 1 : 0;
                    }

                    continue;
                }
                catch (Format.ScapFormatException)
                {
                }

                if (events > 0)
                {
                    Assert.Throws<InvalidOperationException>(() => reader.Event.Timestamp);
                    failuresAfterEvents++;
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(failuresAfterEvents == 5, $"only {failuresAfterEvents} damaged variants failed after some events");
    }

    private static (string[] Mapped, string[] Streamed) ReadBothWays(string path, byte[] bytes)
    {
        string[] mapped, streamed;
        using (var reader = ScapReader.Open(path))
        {
            mapped = ReadAheadTests.Describe(reader);
        }

        using (var reader = new ScapReader(new MemoryStream(bytes)))
        {
            streamed = ReadAheadTests.Describe(reader);
        }

        return (mapped, streamed);
    }
}
