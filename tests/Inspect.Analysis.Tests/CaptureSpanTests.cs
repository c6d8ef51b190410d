using System.Buffers.Binary;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Analysis.Tests;

/// <summary>
/// The span measured from both ends of a plain file (the first event from the start, the last from the end) is the
/// one a full forward scan measures, with and without time windows, and when the file's end cannot be trusted.
/// </summary>
public sealed class CaptureSpanTests
{
    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Both_ends_give_the_forward_scans_span(string name)
    {
        var path = PlainSamples.WriteTemp(PlainSamples.Bytes(name));
        try
        {
            var whole = Forward(path, null);
            Assert.Equal(whole, CaptureSpan.Measure(path));

            // Windows that cut the capture at its start, its end, its middle, or leave nothing in it.
            var third = whole.Duration / 3;
            (TimeBound? From, TimeBound? To)[] windows =
            [
                (new TimeBound(third, true), null),
                (null, new TimeBound(2 * third, true)),
                (new TimeBound(third, true), new TimeBound(2 * third, true)),
                (new TimeBound(whole.Last + 1, false), null),
                (null, new TimeBound(1, false)),
            ];
            foreach (var (from, to) in windows)
            {
                Assert.Equal(Forward(path, new TimeWindow(from, to)), CaptureSpan.Measure(path, new TimeWindow(from, to)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_damaged_end_falls_back_to_the_forward_scan()
    {
        var bytes = PlainSamples.Bytes("libs_sample.scap");
        var original = PlainSamples.WriteTemp(bytes);
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), trailer + 4);
        var damaged = PlainSamples.WriteTemp(bytes);
        try
        {
            // Event blocks are framed by their leading length, so the forward scan still reads the last event.
            var expected = Forward(original, null);
            Assert.NotEqual(0UL, expected.Last);
            Assert.Equal(expected, CaptureSpan.Measure(damaged));
        }
        finally
        {
            File.Delete(original);
            File.Delete(damaged);
        }
    }

    private static CaptureSpan Forward(string path, TimeWindow? window)
    {
        using var reader = ScapReader.Open(path);
        return CaptureSpan.Measure(reader, window);
    }
}
