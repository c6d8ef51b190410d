using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// Drives the app in Debian's headless Chromium (browser/walkthrough.mjs, with playwright-core from npm): the overview
/// shows the tiles and totals of <c>inspect summary --json</c>; a pinned tile's timeline follows every page; a tile
/// opens its view, a row drills down with a breadcrumb, a connection's I/O streams open by keyboard; a filter and a
/// dragged time window go into the URL; a reload lands on the same page; a bad filter points at its column.
/// Screenshots of each step are kept under artifacts/ui-walkthrough.
/// </summary>
public sealed class BrowserWalkthroughTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    private const string Sample = "libs_single_ipv6_conn.scap";

    [Fact]
    public void Walkthrough_from_overview_to_io_streams_with_pin_filter_window_and_reload()
    {
        var summary = Cli.Json("summary", RepoPaths.Sample(Sample), "--json");
        var expected = Path.Combine(Path.GetTempPath(), $"inspect-ui-tiles-{Guid.NewGuid():N}.json");
        File.WriteAllText(expected, JsonSerializer.Serialize(summary.GetProperty("tiles").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("total").GetInt64())));
        var shots = Path.Combine(RepoPaths.RepoRoot, "artifacts", "ui-walkthrough");
        try
        {
            var run = Browser.RunScript("walkthrough.mjs", server.Address.ToString(), Sample, expected, shots);
            Assert.True(run.ExitCode == 0, $"the walkthrough failed (screenshots in {shots}):\n{run.Stdout}\n{run.Stderr}");
            Assert.Contains("walkthrough passed", run.Stdout, StringComparison.Ordinal);
            Assert.True(Directory.GetFiles(shots, "*.png").Length >= 10, "a screenshot per step");
            TestContext.Current.SendDiagnosticMessage($"screenshots: {shots}");
        }
        finally
        {
            File.Delete(expected);
        }
    }
}
