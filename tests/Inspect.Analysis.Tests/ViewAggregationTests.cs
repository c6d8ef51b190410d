using Inspect.Analysis.Views;

namespace Inspect.Analysis.Tests;

/// <summary>csysdig's aggregations and value texts, one rule per test.</summary>
public sealed class ViewAggregationTests
{
    [Fact]
    public void Average_adds_values_and_counts_and_ignores_defaults()
    {
        var cell = ViewAggregator.Add(ViewCellKind.Real, ViewAggregation.Average, ViewCell.Of(2.0), ViewCell.Of(4.0));
        cell = ViewAggregator.Add(ViewCellKind.Real, ViewAggregation.Average, cell, ViewCell.Default);
        Assert.Equal((6.0, 2u), (cell.Real, cell.Count));
        Assert.Equal(3.0, ViewValueText.Value(Column("DOUBLE", ViewAggregation.Average), cell, 0));
    }

    [Fact]
    public void Sum_of_an_average_adds_the_averages()
    {
        var averaged = new ViewCell(9, 0, null, 3, false);
        var cell = ViewAggregator.Add(ViewCellKind.Integer, ViewAggregation.Sum, new ViewCell(10, 0, null, 2, false), averaged);
        Assert.Equal((5L + 3L, 1u), (cell.Integer, cell.Count));
    }

    [Fact]
    public void Max_keeps_the_larger_number_and_the_latest_text()
    {
        Assert.Equal(7, ViewAggregator.Add(ViewCellKind.Integer, ViewAggregation.Max, ViewCell.Of(7L), ViewCell.Of(3L)).Integer);
        Assert.Equal("new", ViewAggregator.Add(ViewCellKind.Text, ViewAggregation.Max, ViewCell.Of("old"), ViewCell.Of("new")).Text);
        Assert.Equal("first", ViewAggregator.Add(ViewCellKind.Text, ViewAggregation.None, ViewCell.Of("first"), ViewCell.Of("second")).Text);
    }

    [Fact]
    public void Integers_print_raw_even_for_per_second_averages()
    {
        Assert.Equal(120L, ViewValueText.Value(Column("UINT64", ViewAggregation.TimeAverage), ViewCell.Of(120L), 4_000_000_000));
    }

    [Theory]
    [InlineData(0L, "0ns")]
    [InlineData(999L, "999ns")]
    [InlineData(1_500L, "1.50us")]
    [InlineData(42_000L, "42us")]
    [InlineData(3_410_000L, "3.41ms")]
    [InlineData(16_000_000L, "16ms")]
    [InlineData(1_920_000_000L, "1.92s")]
    [InlineData(65_000_000_000L, "1:5")]
    [InlineData(3_661_000_000_000L, "01:01:01")]
    public void Durations_print_in_the_largest_unit_that_fits(long nanoseconds, string text)
    {
        Assert.Equal(text.PadLeft(10), ViewValueText.Duration(nanoseconds, 10));
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.1, "0.10000000000000001")]
    [InlineData(100.0, "100.0")]
    public void Doubles_print_with_17_significant_digits(double value, string text) => Assert.Equal(text, ViewValueText.JsonDouble(value));

    private static ViewColumn Column(string type, ViewAggregation aggregation) => new("C", "evt.count", aggregation, type, "DEC", 8);
}
