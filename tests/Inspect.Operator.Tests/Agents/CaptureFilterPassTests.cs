using Inspect.Agent.Host.Captures;
using Inspect.Analysis.Filtering;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.Agents;

/// <summary>
/// The agent's filter pass on real captures, with sysdig as the oracle: the filtered file shows exactly what sysdig
/// shows for the filter on the original (so the state the filter and the output depend on survived), and events that
/// fail the filter and change no state are gone.
/// </summary>
public sealed class CaptureFilterPassTests : IDisposable
{
    private const string Format = "%evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-filter-pass-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("falco_cat_write.scap", "fd.name contains /etc")]
    [InlineData("libs_sample.scap", "evt.type in (read,write)")]
    [InlineData("falco_syscall.scap", "fd.type=file")]
    public void The_filtered_file_shows_what_sysdig_shows_for_the_filter_and_drops_the_rest(string sample, string filter)
    {
        var original = RepoPaths.Sample(sample);
        var filtered = Path.Join(_work, "filtered.scap");

        var (kept, dropped) = CaptureFilterPass.Apply(original, filtered, filter);

        // sysdig's default line without the event number (the filtered file numbers its fewer events afresh).
        var expected = Sysdig.Read(original, "-p", Format, filter);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Sysdig.Read(filtered, "-p", Format, filter));
        Assert.True(dropped > 0, "every sample has events that neither pass nor change state");
        Assert.True(Lines(Sysdig.Read(filtered)) < Lines(Sysdig.Read(original)));
        Assert.True(kept >= Lines(expected));
    }

    [Fact]
    public void A_filter_that_does_not_compile_is_refused_with_its_column()
    {
        var error = Assert.Throws<FilterException>(() => CaptureFilterPass.Apply(RepoPaths.Sample("libs_sample.scap"), Path.Join(_work, "x.scap"), "proc.name = = bash"));
        Assert.Contains("column", error.Message, StringComparison.Ordinal);
    }

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
