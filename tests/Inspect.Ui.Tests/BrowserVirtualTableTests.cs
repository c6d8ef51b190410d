using Inspect.Storage.Tests;
using Inspect.TestSupport;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Tests;

/// <summary>
/// A big capture in headless Chromium (browser/virtual-table.mjs): its overview shows the tiles' totals so far while it
/// is read and keeps drawing frames; a view of many thousands of rows: the page says how many rows the
/// command line's <c>inspect view --json</c> finds, keeps only the rows in sight in the DOM while scrolling from the
/// first to the last (whose key is the command line's last), stays responsive, and a reload comes back to the row
/// scrolled to. Screenshots under artifacts/ui-virtual-table.
/// </summary>
public sealed class BrowserVirtualTableTests : IAsyncLifetime
{
    private const string View = "file_opens";
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-ui-table-").FullName;
    private UiServer? _server;

    public async ValueTask InitializeAsync()
    {
        // A list view gets a row per matching event: the sample's opens, replayed, make thousands of rows.
        SampleReplay.MakeCapture(RepoPaths.Sample("falco_open-multiple-files.scap"), Path.Combine(_dir, "opens.scap"), 32L << 20);
        // Partial totals every few milliseconds, so the overview shows some however fast this machine reads the file.
        _server = await UiServer.StartAsync(new UiOptions
        {
            Path = _dir,
            Listen = "127.0.0.1:0",
            Pacing = new ProgressPacing(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(2)),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_table_of_thousands_of_rows_renders_only_the_rows_in_sight()
    {
        var rows = Cli.Json("view", View, Path.Combine(_dir, "opens.scap"), "--json").GetProperty("rows");
        var total = rows.GetArrayLength();
        Assert.True(total >= 5000, $"the replayed capture gives {total} rows of {View}; the test wants thousands");
        var lastKey = rows[total - 1].GetProperty("key").GetString()!;
        var shots = Path.Combine(RepoPaths.RepoRoot, "artifacts", "ui-virtual-table");
        var run = Browser.RunScript("virtual-table.mjs", _server!.Address.ToString(), "opens.scap", View, total.ToString(System.Globalization.CultureInfo.InvariantCulture), lastKey, shots);
        Assert.True(run.ExitCode == 0, $"the virtual table check failed (screenshots in {shots}):\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("virtual table passed", run.Stdout, StringComparison.Ordinal);
    }
}
