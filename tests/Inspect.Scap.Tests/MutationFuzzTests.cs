using System.Buffers.Binary;
using System.IO.Compression;
using Inspect.Scap.Format;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>
/// Thousands of corrupted variants of the real samples: every one either reads to the end or fails with a
/// <see cref="ScapFormatException"/> naming an offset inside the file — never another exception, a hang, or a large
/// allocation.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int VariantsPerSample = 400;
    private const long AllocationBudget = 24L << 20;

    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Samples))]
    public async Task Corrupted_variants_fail_cleanly(string name)
    {
        await Task.Yield();
        var original = Decompressed(RepoPaths.Sample(name));
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 0x5ca9);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < VariantsPerSample; i++)
        {
            var (variant, mutation) = Mutate(original, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var outcome = ReadEverything(variant, mutation);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBudget + (4L * variant.Length), $"{mutation}: reading allocated {allocated} bytes");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The mutations must really exercise the error paths, not only harmless bytes.
        Assert.True(outcomes.GetValueOrDefault("error") > VariantsPerSample / 10, $"too few variants were rejected: {string.Join(", ", outcomes)}");
    }

    [Fact]
    public void Truncated_gzip_capture_fails_cleanly()
    {
        var compressed = File.ReadAllBytes(RepoPaths.Sample("falco_syscall.scap"));
        for (var cut = 10; cut < compressed.Length; cut += compressed.Length / 37)
        {
            try
            {
                using var reader = new ScapReader(new MemoryStream(compressed[..cut]));
                while (reader.Read() != ScapRecordKind.End)
                {
                }
            }
            catch (ScapFormatException e)
            {
                Assert.Matches("truncated|empty file", e.Message);
            }
            catch (InvalidDataException)
            {
                // The decompressor itself noticed the damage; its message reaches the user as is.
            }
        }
    }

    private static string ReadEverything(byte[] bytes, string mutation)
    {
        try
        {
            using var reader = new ScapReader(new MemoryStream(bytes));
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                if (kind == ScapRecordKind.Event)
                {
                    var e = reader.Event;
                    for (var p = 0; p < e.ParamCount; p++)
                    {
                        _ = e.Param(p).Length;
                    }
                }
            }

            return "read";
        }
        catch (ScapFormatException e)
        {
            Assert.InRange(e.Offset, 0, bytes.Length);
            Assert.False(string.IsNullOrWhiteSpace(e.Problem), mutation);
            return "error";
        }
        catch (Exception e)
        {
            Assert.Fail($"{mutation}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            throw;
        }
    }

    internal static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var at = random.Next(bytes.Length);
        switch (random.Next(6))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return (bytes, $"bit flip at {at}");
            case 1:
                var count = random.Next(1, 9);
                for (var i = 0; i < count && at + i < bytes.Length; i++)
                {
                    bytes[at + i] = (byte)random.Next(256);
                }

                return (bytes, $"{count} random bytes at {at}");
            case 2:
                var aligned = at & ~3;
                if (aligned + 4 > bytes.Length)
                {
                    return (bytes[..aligned], $"truncated at {aligned}");
                }

                uint[] interesting = [0, 1, 4, 12, 0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(aligned)) + 4];
                var value = interesting[random.Next(interesting.Length)];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(aligned), value);
                return (bytes, $"u32 {value} at {aligned}");
            case 3:
                return (bytes[..at], $"truncated at {at}");
            case 4:
                var length = Math.Min(random.Next(1, 64), bytes.Length - at);
                return ([.. bytes[..at], .. bytes[(at + length)..]], $"{length} bytes removed at {at}");
            default:
                var slice = Math.Min(random.Next(1, 64), bytes.Length - at);
                return ([.. bytes[..at], .. bytes.AsSpan(at, slice), .. bytes[at..]], $"{slice} bytes repeated at {at}");
        }
    }

    internal static byte[] Decompressed(string path)
    {
        var raw = File.ReadAllBytes(path);
        if (raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }

        return output.ToArray();
    }
}
