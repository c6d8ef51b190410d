using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// The overview the browser shows is the one <c>inspect summary --json</c> prints for the same file, filter and time
/// window: every member but the top tables, compared whole.
/// </summary>
public sealed class OverviewApiTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var sample in RepoPaths.SampleNames)
            {
                data.Add(sample, "");
                data.Add(sample, "fd.type=file or fd.type=ipv6");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Overview_matches_inspect_summary(string sample, string filter)
    {
        var answer = await server.Client.GetAsync($"/api/overview?capture={Uri.EscapeDataString(sample)}&filter={Uri.EscapeDataString(filter)}");
        var expected = Cli.Json(["summary", RepoPaths.Sample(sample), "--json", .. filter.Length > 0 ? new[] { filter } : []]);
        AssertSameOverview(expected, answer.Value);
    }

    [Fact]
    public async Task A_time_window_gives_the_overview_of_inspect_summary_from_to()
    {
        const string sample = "libs_single_ipv6_conn.scap";
        const ulong from = 2_500_000_000, to = 9_000_000_000;
        var answer = await server.Client.GetAsync($"/api/overview?capture={sample}&from={from}&to={to}&samples=40");
        var expected = Cli.Json("summary", RepoPaths.Sample(sample), "--json", "--samples", "40", "--from", $"+{from}ns", "--to", $"+{to}ns");
        AssertSameOverview(expected, answer.Value);
        var whole = (await server.Client.GetAsync($"/api/overview?capture={sample}&samples=40")).Value;
        Assert.True(answer.Value.GetProperty("durationNs").GetUInt64() < whole.GetProperty("durationNs").GetUInt64(), "the window is shorter than the capture");
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_refused()
    {
        var answer = await server.Client.GetAsync("/api/overview?capture=libs_sample.scap&from=5&to=4");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("after", answer.Error!.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    internal static void AssertSameOverview(JsonElement summary, JsonElement api)
    {
        var expected = JsonNode.Parse(summary.GetRawText())!.AsObject();
        expected.Remove("tables");
        var actual = JsonNode.Parse(api.GetRawText())!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"the API's overview differs from inspect summary --json\nsummary: {expected.ToJsonString()}\napi:     {actual.ToJsonString()}");
        Assert.NotEmpty(api.GetProperty("tiles").EnumerateArray());
    }
}
