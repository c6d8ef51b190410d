using System.Diagnostics;
using Inspect.Scap.Format;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>
/// Reading ahead on a second thread changes nothing a caller sees: the same records, offsets and bytes in the same
/// order, and for damaged input the same error at the same place after the same records, as reading on one thread.
/// </summary>
public sealed class ReadAheadTests
{
    private const int VariantsPerSample = 150;

    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_file_reads_the_same_with_and_without_read_ahead(string name)
    {
        var path = RepoPaths.Sample(name);
        string[] synchronous, ahead;
        using (var reader = ScapReader.Open(path, readAhead: false))
        {
            synchronous = Describe(reader);
        }

        using (var reader = ScapReader.Open(path, readAhead: true))
        {
            ahead = Describe(reader);
        }

        Assert.True(synchronous.Length > 50, $"{name}: only {synchronous.Length} records");
        Assert.Equal("end", synchronous[^2]);
        Assert.Equal(synchronous, ahead);
    }

    [Fact]
    public void A_capture_larger_than_many_batches_reads_the_same_with_and_without_read_ahead()
    {
        // Several sections back to back, so records cross many batch boundaries and sections restart mid-batch.
        var one = MutationFuzzTests.Decompressed(RepoPaths.Sample("falco_ping_sendto.scap"));
        var copies = (int)(4L * ReadAheadBlockReader.BatchCount * ReadAheadBlockReader.BatchBytes / one.Length) + 1;
        var bytes = Enumerable.Repeat(one, copies).SelectMany(b => b).ToArray();
        var synchronous = Describe(new MemoryStream(bytes), readAhead: false);
        var ahead = Describe(new MemoryStream(bytes), readAhead: true);
        Assert.Equal(copies, synchronous.Count(r => r.StartsWith("SectionHeader", StringComparison.Ordinal)));
        Assert.Equal(synchronous, ahead);
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Samples))]
    public async Task A_damaged_capture_fails_at_the_same_place_with_and_without_read_ahead(string name)
    {
        await Task.Yield();
        var original = MutationFuzzTests.Decompressed(RepoPaths.Sample(name));
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 0x7ead);
        var errors = 0;
        for (var i = 0; i < VariantsPerSample; i++)
        {
            var (variant, mutation) = MutationFuzzTests.Mutate(original, random);
            var synchronous = Describe(new MemoryStream(variant), readAhead: false);
            var ahead = Describe(new MemoryStream(variant), readAhead: true);
            Assert.True(synchronous.SequenceEqual(ahead), $"{mutation}: read-ahead differs from reading on one thread");
            errors += synchronous[^2].StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(errors > VariantsPerSample / 10, $"only {errors} of {VariantsPerSample} variants were rejected");
    }

    [Fact]
    public void Disposing_a_reader_that_stopped_early_stops_the_read_ahead_thread()
    {
        var bytes = MutationFuzzTests.Decompressed(RepoPaths.Sample("libs_single_ipv6_conn.scap"));
        var big = Enumerable.Repeat(bytes, 20).SelectMany(b => b).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            var stream = new MemoryStream(big);
            using (var reader = new ScapReader(stream, readAhead: true))
            {
                Assert.Equal(ScapRecordKind.SectionHeader, reader.Read());
            }

            // The read-ahead thread owns the stream until it has stopped; it closes it on its way out.
            Assert.False(stream.CanRead, "the stream is still open after Dispose returned");
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"50 early disposals took {clock.Elapsed}");
    }

    /// <summary>Every record the reader returns, as text, then "end" or the error that stopped it.</summary>
    private static string[] Describe(Stream stream, bool readAhead)
    {
        using var reader = new ScapReader(stream, readAhead: readAhead);
        return Describe(reader);
    }

    /// <summary>Every record the reader returns, as text (events with each parameter), then "end" or the error.</summary>
    internal static string[] Describe(ScapReader reader)
    {
        var records = new List<string>();
        try
        {
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                var text = $"{kind} @{reader.RecordOffset} v{reader.RecordVersion} s{reader.SectionIndex}";
                if (kind == ScapRecordKind.Event)
                {
                    var e = reader.Event;
                    text += $" {e.Timestamp} {e.ThreadId} {e.Type} {e.Cpu} {e.DumpFlags} {e.FileOffset} {e.EncodedLength} {Convert.ToHexString(e.RawLengths)} {Convert.ToHexString(e.RawValues)}";
                    for (var i = 0; i < e.ParamCount; i++)
                    {
                        text += $" p{i}:{e.ParamLength(i)}:{Convert.ToHexString(e.Param(i))}";
                    }
                }
                else if (kind == ScapRecordKind.ProcessList)
                {
                    text += $" {reader.Threads.Count} threads";
                }

                records.Add(text);
            }

            records.Add("end");
        }
        catch (ScapFormatException e)
        {
            records.Add($"error {e.Offset} {e.Message}");
        }

        records.Add($"skipped {reader.SkippedBlocks}, compressed {reader.IsCompressed}");
        return [.. records];
    }
}
