using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// A row's syscall list is <c>inspect read</c>'s lines for the row's filter, and its I/O streams are
/// <c>inspect payload</c>'s, paged.
/// </summary>
public sealed class EventsApiTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    [Theory]
    [InlineData("libs_sample.scap", "", 100, 50)]
    [InlineData("libs_sample.scap", "evt.type=read", 0, 2)]
    [InlineData("libs_test_ipv6_client.scap", "proc.name=test_ipv6_clien", 10, 20)]
    [InlineData("falco_cat_write.scap", "", 60, 100)]
    public async Task Syscalls_are_the_lines_of_inspect_read(string sample, string filter, int offset, int limit)
    {
        var answer = (await server.Client.GetAsync($"/api/events?capture={sample}&filter={Uri.EscapeDataString(filter)}&offset={offset}&limit={limit}")).Value;
        var all = Lines(Cli.Run(["read", RepoPaths.Sample(sample), .. filter.Length > 0 ? new[] { filter } : []]));
        Assert.True(all.Count > offset, "the oracle has lines past the offset");
        Assert.Equal(all.Skip(offset).Take(limit), answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(all.Count > offset + limit, answer.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task The_syscalls_of_a_row_are_those_of_its_drill_filter()
    {
        // The first process (by CPU) that made system calls while the capture ran.
        const string sample = "libs_sample.scap";
        var procs = (await server.Client.GetAsync($"/api/view?view=procs&capture={sample}&limit=5000")).Value;
        var (pid, expected) = procs.GetProperty("table").GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("key").GetString()!)
            .Select(key => (key, Lines(Cli.Run("read", RepoPaths.Sample(sample), $"(evt.type!=switch) and proc.pid=\"{key}\""))))
            .First(p => p.Item2.Count > 0);
        var answer = (await server.Client.GetAsync($"/api/events?capture={sample}&drill=procs%3D{pid}&limit=5000")).Value;
        Assert.Equal(expected, answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Hex_io_streams_are_the_output_of_inspect_payload()
    {
        const string sample = "libs_single_ipv6_conn.scap";
        var answer = (await server.Client.GetAsync($"/api/io?capture={sample}&format=hex&filter=fd.type%3Dipv6&limit=5000")).Value;
        var text = string.Concat(answer.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("header").GetString() + "\n" + c.GetProperty("text").GetString()));
        var expected = Cli.Run("payload", RepoPaths.Sample(sample), "fd.type=ipv6");
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task The_io_streams_of_a_connection_row_carry_its_data_as_printable_text()
    {
        const string sample = "libs_single_ipv6_conn.scap";
        var connections = (await server.Client.GetAsync($"/api/view?view=connections&capture={sample}")).Value;
        var key = connections.GetProperty("table").GetProperty("rows")[0].GetProperty("key").GetString()!;
        var answer = (await server.Client.GetAsync($"/api/io?capture={sample}&drill=connections%3D{Uri.EscapeDataString(key)}")).Value;
        var chunks = answer.GetProperty("chunks").EnumerateArray().ToList();
        Assert.NotEmpty(chunks);
        var connection = key.TrimStart(':');
        Assert.All(chunks, c => Assert.Contains(connection, c.GetProperty("header").GetString(), StringComparison.Ordinal));
        Assert.Contains(chunks, c => c.GetProperty("direction").GetString() == "read");
        Assert.Contains(chunks, c => c.GetProperty("direction").GetString() == "write");

        // Printable text is the payload's printable bytes, the same the hex dump's ASCII column shows (where every other
        // byte is a dot, so dots are left out of both).
        var hex = (await server.Client.GetAsync($"/api/io?capture={sample}&format=hex&drill=connections%3D{Uri.EscapeDataString(key)}")).Value;
        var fromHex = hex.GetProperty("chunks").EnumerateArray().Select(c => string.Concat(
            c.GetProperty("text").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row[58..].Replace(".", "", StringComparison.Ordinal))));
        Assert.Equal(fromHex, chunks.Select(c => c.GetProperty("text").GetString()!.Replace("\n", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Paging_io_streams_reports_whether_more_follow()
    {
        const string sample = "libs_single_ipv6_conn.scap";
        var all = (await server.Client.GetAsync($"/api/io?capture={sample}&limit=5000")).Value.GetProperty("chunks").GetArrayLength();
        Assert.True(all >= 2);
        var first = (await server.Client.GetAsync($"/api/io?capture={sample}&limit=1")).Value;
        Assert.Equal(1, first.GetProperty("chunks").GetArrayLength());
        Assert.True(first.GetProperty("more").GetBoolean());
        var last = (await server.Client.GetAsync($"/api/io?capture={sample}&offset={all - 1}&limit=1")).Value;
        Assert.Equal(1, last.GetProperty("chunks").GetArrayLength());
        Assert.False(last.GetProperty("more").GetBoolean());
        var bad = await server.Client.GetAsync($"/api/io?capture={sample}&format=octal");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.Status);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
