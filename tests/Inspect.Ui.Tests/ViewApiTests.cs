using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// A view's table in the API is <c>inspect view NAME FILE --json</c>'s, with the same filter and drill path; pages and
/// sorts cut and order those same rows; filter mistakes come back with the column the command line names.
/// </summary>
public sealed partial class ViewApiTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    private static readonly string[] Views = ["procs", "threads", "files", "directories", "connections", "sports", "syscalls", "errors", "io_by_type", "file_opens"];

    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var view in Views)
            {
                foreach (var sample in new[] { "libs_sample.scap", "falco_cat_write.scap", "libs_single_ipv6_conn.scap", "libs_test_ipv6_client.scap" })
                {
                    data.Add(view, sample, "");
                    data.Add(view, sample, "proc.name!=systemd");
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task View_matches_inspect_view(string view, string sample, string filter)
    {
        var api = await Table($"view={view}&capture={sample}&filter={Uri.EscapeDataString(filter)}&limit=5000");
        var cli = Cli.Json(["view", view, RepoPaths.Sample(sample), "--json", .. filter.Length > 0 ? new[] { filter } : []]);
        AssertSameTable(cli, api.GetProperty("table"));
        Assert.Equal(cli.GetProperty("rows").GetArrayLength(), api.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_drill_path_gives_the_table_of_inspect_view_drill()
    {
        const string sample = "libs_test_ipv6_client.scap";
        var procs = await Table($"view=procs&capture={sample}&limit=5000");
        var pid = procs.GetProperty("table").GetProperty("rows")[0].GetProperty("key").GetString()!;
        var api = await Table($"view=threads&capture={sample}&drill=procs%3D{pid}&limit=5000");
        var cli = Cli.Json("view", "threads", RepoPaths.Sample(sample), "--drill", $"procs={pid}", "--json");
        AssertSameTable(cli, api.GetProperty("table"));
        Assert.NotEqual(0, api.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Pages_are_slices_of_the_whole_table()
    {
        var whole = Rows(await Table("view=procs&capture=libs_sample.scap&limit=5000"));
        var page = await Table("view=procs&capture=libs_sample.scap&offset=5&limit=7");
        Assert.Equal(whole.Skip(5).Take(7), Rows(page));
        Assert.Equal(whole.Count, page.GetProperty("total").GetInt32());
        Assert.Equal(7, page.GetProperty("text").GetArrayLength());
        var last = await Table($"view=procs&capture=libs_sample.scap&offset={whole.Count - 2}&limit=7");
        Assert.Equal(whole.TakeLast(2), Rows(last));
    }

    [Fact]
    public async Task Sorting_orders_the_rows_by_the_column_and_reverse_flips_it()
    {
        // RES (column 7) is a number: largest first; reversed, smallest first. Same rows either way.
        var byRes = await Table("view=procs&capture=libs_sample.scap&sort=7&limit=5000");
        var values = byRes.GetProperty("table").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("values")[7].GetInt64()).ToList();
        Assert.True(values.Count > 5);
        Assert.Equal(values.OrderDescending(), values);
        var reversed = await Table("view=procs&capture=libs_sample.scap&sort=7&reverse=1&limit=5000");
        Assert.Equal(Rows(byRes).AsEnumerable().Reverse(), Rows(reversed));
        Assert.Equal(7, byRes.GetProperty("sortColumn").GetInt32());

        // USER (column 4) is text: ascending.
        var byUser = await Table("view=procs&capture=libs_sample.scap&sort=4&limit=5000");
        var users = byUser.GetProperty("table").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("values")[4].GetString()!).ToList();
        Assert.Equal(users.Order(StringComparer.Ordinal), users);
        Assert.Equal(Rows(byRes).Order(), Rows(byUser).Order());
    }

    [Theory]
    [InlineData("proc.name=cat and and")]
    [InlineData("proc.nam=cat")]
    [InlineData("(proc.name=cat")]
    [InlineData("fd.num > ")]
    public async Task A_bad_filter_is_refused_with_the_column_the_command_line_names(string filter)
    {
        var answer = await server.Client.GetAsync($"/api/view?view=procs&capture=libs_sample.scap&filter={Uri.EscapeDataString(filter)}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var cliColumn = int.Parse(ColumnInMessage().Match(Cli.Failure("view", "procs", RepoPaths.Sample("libs_sample.scap"), filter)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(cliColumn, answer.Error!.Value.GetProperty("column").GetInt32());
        Assert.Contains($"column {cliColumn}", answer.Error.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("view=nosuchview&capture=libs_sample.scap", "nosuchview")]
    [InlineData("view=procs&capture=libs_sample.scap&sort=99", "sort")]
    [InlineData("view=procs&capture=libs_sample.scap&limit=0", "limit")]
    [InlineData("view=procs&capture=libs_sample.scap&drill=nosuch%3D1", "drill")]
    [InlineData("view=procs&capture=libs_sample.scap&from=soon", "from")]
    public async Task Bad_parameters_are_refused_naming_them(string query, string named)
    {
        var answer = await server.Client.GetAsync("/api/view?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(named, answer.Error!.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Table(string query) => (await server.Client.GetAsync("/api/view?" + query)).Value;

    private static List<string> Rows(JsonElement page) =>
        [.. page.GetProperty("table").GetProperty("rows").EnumerateArray().Select(r => r.GetRawText())];

    private static void AssertSameTable(JsonElement cli, JsonElement api)
    {
        var expected = JsonNode.Parse(cli.GetRawText());
        var actual = JsonNode.Parse(api.GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, actual), $"the API's table differs from inspect view --json\ncli: {expected!.ToJsonString()}\napi: {actual!.ToJsonString()}");
    }

    [GeneratedRegex(@"column (\d+)")]
    private static partial Regex ColumnInMessage();
}
