using Inspect.Storage.Tests;
using Inspect.TestSupport;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Tests;

/// <summary>
/// A capture big enough to take a while is answered with progress lines before the result, their percentages rising
/// and the overview's totals so far growing with them, and a repeated query comes from the cache of small results
/// without reading the file again.
/// </summary>
public sealed class ProgressTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-ui-progress-").FullName;
    private UiServer? _server;
    private UiClient? _client;

    public async ValueTask InitializeAsync()
    {
        SampleReplay.MakeCapture(RepoPaths.Sample("libs_sample.scap"), Path.Combine(_dir, "big.scap"), 96L << 20);
        // Progress lines and partial totals every few milliseconds, so a read shows several however fast this machine is.
        _server = await UiServer.StartAsync(new UiOptions
        {
            Path = _dir,
            Listen = "127.0.0.1:0",
            Pacing = new ProgressPacing(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(2)),
        });
        _client = new UiClient(_server.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_long_read_reports_rising_progress_and_partial_totals_then_the_result_and_a_repeat_is_cached()
    {
        var first = await _client!.GetAsync("/api/overview?capture=big.scap");
        Assert.NotNull(first.Result);
        var reads = first.Progress.Where(p => p.GetProperty("phase").GetString() == "read").Select(p => p.GetProperty("progress").GetDouble()).ToList();
        Assert.True(reads.Count >= 2, $"progress lines while reading: {string.Join(", ", first.Progress)}");
        Assert.All(reads, p => Assert.InRange(p, 0, 100));
        Assert.Equal(reads.Order(), reads);
        Assert.True(reads[^1] > reads[0], "the read position advanced");

        // The tiles' totals so far came with the progress: each tile there is in the result, with no more than its
        // final total, and the system call count only grows from one to the next.
        var partials = first.Progress.Where(p => p.TryGetProperty("partial", out _)).Select(p => p.GetProperty("partial")).ToList();
        Assert.NotEmpty(partials);
        var final = first.Result!.Value.GetProperty("tiles").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("total").GetDouble());
        var syscalls = new List<double>();
        foreach (var partial in partials)
        {
            foreach (var tile in partial.GetProperty("tiles").EnumerateArray())
            {
                var id = tile.GetProperty("id").GetString()!;
                Assert.True(final.TryGetValue(id, out var total), $"partial tile {id} is not in the result");
                Assert.True(tile.GetProperty("total").GetDouble() <= total, $"{id}: {tile.GetProperty("total")} so far, {total} in the end");
                if (id == "syscallCount")
                {
                    syscalls.Add(tile.GetProperty("total").GetDouble());
                }
            }
        }

        Assert.Equal(syscalls.Order(), syscalls);
        Assert.True(syscalls.Count > 0 && syscalls[^1] < final["syscallCount"], "the partial totals are partial");

        var again = await _client.GetAsync("/api/overview?capture=big.scap");
        Assert.Empty(again.Progress);
        Assert.Equal(first.Result!.Value.GetRawText(), again.Result!.Value.GetRawText());
    }
}
