using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect view V F --format csysdig</c> prints the rows <c>csysdig -r F -v V -j -pc</c> prints: the same rows, in
/// the same order of the sorting column; rows that tie on it are compared as sets, since csysdig's order among them is
/// arbitrary.
/// </summary>
public sealed class ViewParityTests
{
    private const string CsysdigPath = "/usr/bin/csysdig";

    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var view in new[] { "files", "directories", "connections", "errors" })
            {
                foreach (var sample in RepoPaths.SampleNames)
                {
                    data.Add(view, sample);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void View_rows_match_csysdig(string view, string sample)
    {
        var path = RepoPaths.Sample(sample);
        var expected = Csysdig(path, view);
        var result = InspectCli.Run("view", view, path, "--format", "csysdig");
        Assert.True(result.ExitCode == 0, $"inspect view {view} {sample} failed ({result.ExitCode}): {result.Stderr}");

        var (expectedRows, sortingColumn) = Table(expected);
        var (actualRows, actualSortingColumn) = Table(result.Stdout);
        Assert.Equal(sortingColumn, actualSortingColumn);
        var expectedGroups = TieGroups(expectedRows);
        var actualGroups = TieGroups(actualRows);
        Assert.True(
            expectedGroups.Count == actualGroups.Count && expectedGroups.Zip(actualGroups).All(p => p.First.SequenceEqual(p.Second)),
            $"view {view} on {sample} differs from csysdig\ncsysdig:\n{string.Join('\n', expectedGroups.Select(g => string.Join('\n', g)))}\ninspect:\n{string.Join('\n', actualGroups.Select(g => string.Join('\n', g)))}");
    }

    [Fact]
    public void Default_output_is_a_readable_table()
    {
        var result = InspectCli.Run("view", "files", RepoPaths.Sample("falco_cat_write.scap"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("FILENAME", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("/lib/x86_64-linux-gnu/libc.so.6", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_view_is_a_usage_error()
    {
        var result = InspectCli.Run("view", "nope", RepoPaths.Sample("falco_cat_write.scap"));
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Contains("unknown view", result.Stderr, StringComparison.Ordinal);
    }

    private static string Csysdig(string path, string view)
    {
        if (!File.Exists(CsysdigPath))
        {
            throw new InvalidOperationException($"{CsysdigPath} is missing: install Debian's sysdig package (scripts/install-deps does) to run the view parity tests");
        }

        var run = ExternalProcess.Run(CsysdigPath, ["-r", path, "-v", view, "-j", "-pc"]);
        if (run.ExitCode != 0)
        {
            Assert.Skip($"csysdig cannot read {Path.GetFileName(path)} ({run.ExitCode}): {run.Stderr}");
        }

        return run.Stdout;
    }

    // The rows of the last slice (each as compact JSON) and csysdig's sorting column (the key is column 0).
    private static (List<(JsonElement Sort, string Row)> Rows, int SortingColumn) Table(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var last = doc.RootElement.GetProperty("slices").EnumerateArray().Last();
        var sortingColumn = last.GetProperty("info").GetProperty("sortingCol").GetInt32();
        var rows = new List<(JsonElement, string)>();
        if (last.TryGetProperty("data", out var data))
        {
            foreach (var row in data.EnumerateArray())
            {
                rows.Add((row.GetProperty("d")[sortingColumn - 1].Clone(), row.GetRawText()));
            }
        }

        return (rows, sortingColumn);
    }

    // Consecutive rows with the same sorting value, each group sorted so ties compare as sets.
    private static List<List<string>> TieGroups(List<(JsonElement Sort, string Row)> rows)
    {
        var groups = new List<List<string>>();
        string? current = null;
        foreach (var (sort, row) in rows)
        {
            var value = sort.GetRawText();
            if (groups.Count == 0 || value != current)
            {
                groups.Add([]);
                current = value;
            }

            groups[^1].Add(row);
        }

        foreach (var g in groups)
        {
            g.Sort(StringComparer.Ordinal);
        }

        return groups;
    }
}
