using Inspect.Analysis.Events;
using Inspect.Analysis.Views;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Analysis.Tests;

/// <summary>A view limited to its top rows (picked with a heap) is exactly the head of the fully sorted view.</summary>
public sealed class ViewTopRowsTests
{
    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_top_rows_of_every_view_are_the_first_rows_of_the_whole_view(string sample)
    {
        var compared = 0;
        foreach (var view in ViewCatalog.All)
        {
            var all = Compute(view, sample, top: null).Rows;
            foreach (var k in new[] { 0, 1, 3, all.Count / 2, all.Count, all.Count + 5 })
            {
                var top = Compute(view, sample, top: k).Rows;
                var expected = all.Take(k).Select(Text).ToArray();
                Assert.Equal(expected, top.Select(Text).ToArray());
                compared += top.Count;
            }
        }

        Assert.True(compared > 100, $"{sample}: only {compared} rows compared");
    }

    [Fact]
    public void A_negative_number_of_rows_is_refused()
    {
        var builder = new ViewBuilder(ViewCatalog.Find("files")!);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(new State.StateEngine(), new ArgRenderer(), top: -1));
    }

    private static ViewResult Compute(ViewDefinition view, string sample, int? top)
    {
        var builder = new ViewBuilder(view);
        var pipeline = new EventPipeline { IncludeInternal = true, SkipLeadingContainerEvents = true };
        using (var reader = ScapReader.Open(RepoPaths.Sample(sample)))
        {
            pipeline.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        return builder.Build(pipeline.Engine, pipeline.Renderer, top);
    }

    private static string Text(ViewRow row) => $"{row.Key}: {string.Join(" | ", row.Cells)}";
}
