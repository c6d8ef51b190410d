using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect summary F --format wsysdig --samples N</c> against the wsysdig_summary chisel run by the installed sysdig
/// on the same file and filter: every tile present on both sides, with the same total, largest sample and timeline
/// (times and values), the same drill-down description, and the same capture info.
/// </summary>
/// <remarks>
/// Filters are ones the chisel accepts: it also filters the thread table with them, and sysdig refuses event fields
/// (evt.*) there ("not supported for thread table filtering"), so the chisel fails on such filters where Inspect
/// computes the overview; that difference is deliberate and documented in docs/overview-json.md.
/// </remarks>
public sealed class OverviewParityTests
{
    private static readonly string[] Filters =
    [
        "",
        "proc.name=cat",
        "fd.type=ipv4",
        "container.id!=host",
        "proc.name=cat or fd.type=ipv4",
        "fd.name contains /etc",
        "not proc.name in (cat,sshd)",
    ];

    private static readonly string[] DescriptionFields = ["desc", "category", "targetView", "targetViewTitle", "targetViewFilter", "targetViewSortingCol", "drillDownKey"];

    private static readonly string[] InfoMembers = ["startTs", "endTs", "durationNs", "containers", "categories", "IndexFormatVersion"];

    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (var sample in RepoPaths.SampleNames)
            {
                foreach (var filter in Filters)
                {
                    data.Add(sample, filter, 20);
                }

                // No coarsening at the chisel's own resolution: the largest sample comes from the raw timeline.
                data.Add(sample, "", 400);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tiles_match_the_chisel(string sample, string filter, int samples)
    {
        var path = RepoPaths.Sample(sample);
        var expected = Chisel(path, samples, filter);
        string[] args = ["summary", path, "--format", "wsysdig", "--samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var result = InspectCli.Run(filter.Length == 0 ? args : [.. args, filter]);
        Assert.True(result.ExitCode == 0, $"inspect summary {sample} failed ({result.ExitCode}): {result.Stderr}");

        using var chiselDoc = JsonDocument.Parse(expected);
        using var inspectDoc = JsonDocument.Parse(result.Stdout);
        var chisel = LastSlice(chiselDoc);
        var inspect = LastSlice(inspectDoc);
        var chiselMetrics = Metrics(chisel);
        var inspectMetrics = Metrics(inspect);
        Assert.Equal(chiselMetrics.Keys.Order(StringComparer.Ordinal), inspectMetrics.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, want) in chiselMetrics)
        {
            var got = inspectMetrics[name];
            Assert.True(Describe(want) == Describe(got), $"{sample} [{filter}] tile '{name}'\nchisel:  {Describe(want)}\ninspect: {Describe(got)}");
        }

        var wantInfo = chisel.GetProperty("info");
        var gotInfo = inspect.GetProperty("info");
        foreach (var member in InfoMembers)
        {
            Assert.True(Canonical(wantInfo.GetProperty(member)) == Canonical(gotInfo.GetProperty(member)), $"{sample} [{filter}] info.{member}: chisel {wantInfo.GetProperty(member)} inspect {gotInfo.GetProperty(member)}");
        }
    }

    [Fact]
    public void Slices_are_progress_reports_then_the_data()
    {
        var result = InspectCli.Run("summary", RepoPaths.Sample("falco_cat_write.scap"), "--format", "wsysdig");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var slices = doc.RootElement.GetProperty("slices").EnumerateArray().ToList();
        Assert.True(slices.Count > 1, "a capture long enough for several samples reports progress");
        Assert.All(slices[..^1], s => Assert.InRange(s.GetProperty("progress").GetDouble(), 0, 99.99));
        Assert.Equal(100, slices[^1].GetProperty("progress").GetDouble());
        Assert.Equal(400, OverviewSamples(slices[^1]));
    }

    private static int OverviewSamples(JsonElement slice) =>
        slice.GetProperty("data").GetProperty("metrics").EnumerateArray()
            .First(m => m.GetProperty("name").GetString() == "System Calls")
            .GetProperty("data").GetProperty("timeLine").GetArrayLength();

    internal static string Chisel(string path, int samples, string filter)
    {
        // The chisel is not in Debian's package; the oracle copy is run through sysdig's chisel search path.
        string[] args = [$"SYSDIG_CHISEL_DIR={Path.Combine(RepoPaths.SharedDir, "oracles")}", Sysdig.Path, "-r", path, "-c", "wsysdig_summary", samples.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var run = ExternalProcess.Run("/usr/bin/env", filter.Length == 0 ? args : [.. args, filter]);
        if (run.ExitCode != 0)
        {
            Assert.Skip($"the chisel cannot summarise {Path.GetFileName(path)} with [{filter}] ({run.ExitCode}): {run.Stderr}");
        }

        return run.Stdout;
    }

    private static JsonElement LastSlice(JsonDocument doc) => doc.RootElement.GetProperty("slices").EnumerateArray().Last().GetProperty("data");

    private static Dictionary<string, JsonElement> Metrics(JsonElement data) =>
        data.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, StringComparer.Ordinal);

    // Everything a tile says, in a fixed order: Lua writes object members in hash order, so order is not compared.
    private static string Describe(JsonElement metric)
    {
        var data = metric.GetProperty("data");
        var timeline = string.Join(" ", data.GetProperty("timeLine").EnumerateArray().Select(p => $"{p.GetProperty("t").GetString()}={p.GetProperty("v").GetDouble():R}"));
        var fields = DescriptionFields.Select(f => metric.TryGetProperty(f, out var v) ? $"{f}={v}" : $"{f}=-");
        return $"tot={data.GetProperty("tot").GetDouble():R} max={data.GetProperty("max").GetDouble():R} agg={data.GetProperty("aggregation")} " +
            $"excludable={data.GetProperty("excludable")} noteworthy={data.GetProperty("noteworthy")} {string.Join(" ", fields)} timeline: {timeline}";
    }

    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        _ => e.GetRawText(),
    };
}
