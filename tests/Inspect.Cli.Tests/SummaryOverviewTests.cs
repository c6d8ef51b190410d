using System.Globalization;
using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>The readable overview and Inspect's own JSON schema carry the chisel's numbers; bad options are usage errors.</summary>
public sealed class SummaryOverviewTests
{
    private const string Sample = "falco_cat_write.scap";

    [Fact]
    public void Json_tiles_carry_the_chisels_totals_and_timelines()
    {
        var path = RepoPaths.Sample(Sample);
        using var chisel = JsonDocument.Parse(OverviewParityTests.Chisel(path, 20, ""));
        var metrics = chisel.RootElement.GetProperty("slices").EnumerateArray().Last().GetProperty("data").GetProperty("metrics")
            .EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("data").Clone(), StringComparer.Ordinal);

        var result = InspectCli.Run("summary", path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var tiles = doc.RootElement.GetProperty("tiles").EnumerateArray().ToList();
        Assert.Equal(metrics.Keys.Order(StringComparer.Ordinal), tiles.Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var start = doc.RootElement.GetProperty("startNs").GetUInt64();
        foreach (var tile in tiles)
        {
            var want = metrics[tile.GetProperty("name").GetString()!];
            Assert.Equal(want.GetProperty("tot").GetDouble(), tile.GetProperty("total").GetDouble());
            Assert.Equal(want.GetProperty("max").GetDouble(), tile.GetProperty("max").GetDouble());
            Assert.Equal(want.GetProperty("aggregation").GetString(), tile.GetProperty("aggregation").GetString());
            Assert.Equal(
                want.GetProperty("timeLine").EnumerateArray().Select(p => (ulong.Parse(p.GetProperty("t").GetString()!, CultureInfo.InvariantCulture) - start, p.GetProperty("v").GetDouble())),
                tile.GetProperty("timeline").EnumerateArray().Select(p => (p.GetProperty("offsetNs").GetUInt64(), p.GetProperty("value").GetDouble())));
            Assert.False(string.IsNullOrEmpty(tile.GetProperty("drillDown").GetProperty("view").GetString()));
        }

        Assert.True(doc.RootElement.GetProperty("tables").GetProperty("topFiles").GetArrayLength() > 0);
    }

    [Fact]
    public void Text_lists_tiles_by_section_then_the_tables()
    {
        var path = RepoPaths.Sample(Sample);
        using var chisel = JsonDocument.Parse(OverviewParityTests.Chisel(path, 20, ""));
        var processes = chisel.RootElement.GetProperty("slices").EnumerateArray().Last().GetProperty("data").GetProperty("metrics")
            .EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Running Processes").GetProperty("data").GetProperty("tot").GetInt64();
        var result = InspectCli.Run("summary", path);
        Assert.Equal(0, result.ExitCode);
        var text = result.Stdout;
        var general = text.IndexOf("\nGeneral\n", StringComparison.Ordinal);
        var security = text.IndexOf("\nSecurity\n", StringComparison.Ordinal);
        var tables = text.IndexOf("Top files", StringComparison.Ordinal);
        Assert.True(general >= 0 && general < security && security < tables, text);
        Assert.Matches($@"\n  Running Processes +{processes}\n", text);

        // Not a terminal: no sparklines.
        Assert.DoesNotContain('▁', text);
    }

    [Theory]
    [InlineData("--samples", "0", "--samples '0'")]
    [InlineData("--samples", "401", "--samples '401'")]
    [InlineData("--format", "csv", "--format 'csv'")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        var result = InspectCli.Run("summary", RepoPaths.Sample(Sample), option, value);
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
