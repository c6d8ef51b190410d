using System.Globalization;
using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect summary --json</c> agrees with sysdig's chisels on the same capture: topfiles_bytes, topconns,
/// topprocs_cpu, topprocs_file, topprocs_net, netstat (listening sockets) and spy_users (commands run).
/// </summary>
public sealed class AnalysisSummaryParityTests
{
    private const int Column = 20;

    public static TheoryData<string> Captures => [.. RepoPaths.SampleNames, "synthetic"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Summary_tables_match_the_chisels(string name)
    {
        var path = name == "synthetic" ? AnalysisSyntheticCapture.File : RepoPaths.Sample(name);
        var result = InspectCli.Run("summary", path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var s = doc.RootElement.GetProperty("tables");

        SameTop(10,
            Chisel(path, "topfiles_bytes", 1),
            Rows(s, "topFiles", f => [Bytes(f, "bytes"), f.GetProperty("name").GetString()!]));
        SameTop(30,
            Chisel(path, "topconns", 2),
            Rows(s, "topConnections", c => [Bytes(c, "bytes"), Key(c.GetProperty("protocol").GetString()!), c.GetProperty("connection").GetString()!]));
        SameTop(10,
            Chisel(path, "topprocs_cpu", 2),
            Rows(s, "topProcessesByCpu", p => [p.GetProperty("cpuPercent").GetDouble().ToString("0.00", CultureInfo.InvariantCulture) + "%", Key(p.GetProperty("name").GetString()!), Pid(p)]));
        SameTop(10,
            Chisel(path, "topprocs_file", 2),
            Rows(s, "topProcessesByFileBytes", p => [Bytes(p, "bytes"), Key(p.GetProperty("name").GetString()!), Pid(p)]));
        SameTop(100,
            Chisel(path, "topprocs_net", 2),
            Rows(s, "topProcessesByNetworkBytes", p => [Bytes(p, "bytes"), Key(p.GetProperty("name").GetString()!), Pid(p)]));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Listening_servers_and_new_commands_match_netstat_and_spy_users(string name)
    {
        var path = name == "synthetic" ? AnalysisSyntheticCapture.File : RepoPaths.Sample(name);
        var result = InspectCli.Run("summary", path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var s = doc.RootElement.GetProperty("tables");

        // netstat's fixed columns: proto (6), server address (25, longer ones cut to 24), client (25), state (15), owner.
        var listening = Sysdig.Read(path, "-c", "netstat").Split('\n')
            .Where(l => l.Length > 71 && l.Substring(56, 15).Trim() == "LISTEN")
            .Select(l => $"{l[..6].Trim()} {l.Substring(6, 25).Trim()} {l[71..]}")
            .Order(StringComparer.Ordinal).ToList();
        var ours = s.GetProperty("listeningServers").EnumerateArray()
            .Where(l => !l.GetProperty("boundDuringCapture").GetBoolean())
            .Select(l => $"{l.GetProperty("protocol").GetString()} {Cut(l.GetProperty("address").GetString()!)} {l.GetProperty("tid").GetInt64()}/{l.GetProperty("pid").GetInt64()}/{l.GetProperty("name").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(listening, ours);

        var commands = s.GetProperty("newProcesses").EnumerateArray().Select(p => p.GetProperty("exeline").GetString()!.TrimEnd()).ToList();
        foreach (var line in Sysdig.Read(path, "-c", "spy_users").Split('\n'))
        {
            var at = line.IndexOf(") ", StringComparison.Ordinal);
            if (at > 0)
            {
                Assert.Contains(line[(at + 2)..].TrimEnd(), commands);
            }
        }
    }

    [Fact]
    public void Synthetic_summary_has_every_overview_section()
    {
        var result = InspectCli.Run("summary", AnalysisSyntheticCapture.File, "--json");
        using var doc = JsonDocument.Parse(result.Stdout);
        var s = doc.RootElement.GetProperty("tables");
        var errors = s.GetProperty("failedSyscalls").EnumerateArray().Select(e => e.GetProperty("error").GetString()).ToList();
        Assert.Contains("ENOENT", errors);
        Assert.Contains("ECONNREFUSED", errors);
        var pods = s.GetProperty("topConnections").EnumerateArray().Select(c => c.GetProperty("pod").GetString()).ToList();
        Assert.Contains("api-7d9f", pods);
        var containers = s.GetProperty("eventsPerSecondByContainer").EnumerateArray().Select(c => c.GetProperty("container").GetString()).Distinct().ToList();
        Assert.Equal(["host", "aaaaaaaaaaaa", "bbbbbbbbbbbb"], containers);
        var cat = Assert.Single(s.GetProperty("newProcesses").EnumerateArray());
        Assert.Equal("cat /etc/passwd", cat.GetProperty("cmdline").GetString());
        Assert.Equal(["bash", "systemd"], cat.GetProperty("ancestors").EnumerateArray().Select(a => a.GetString()));

        var text = InspectCli.Run("summary", AnalysisSyntheticCapture.File);
        Assert.Contains("Top connections", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5:40000->10.0.0.20:5432", text.Stdout, StringComparison.Ordinal);
    }

    // Rows strictly above the cut-off value must be the same; rows tied at the cut-off of a full top-N table may be
    // any of the tied ones (the chisel's sort is not stable), so only their number must agree.
    private static void SameTop(int limit, List<string> expected, List<string> actual)
    {
        if (expected.Count < limit)
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.Equal(expected.Count, actual.Count);
        var cut = Value(expected.MinBy(r => Magnitude(Value(r)))!);
        Assert.Equal(expected.Where(r => Value(r) != cut), actual.Where(r => Value(r) != cut));
        Assert.Equal(expected.Count(r => Value(r) == cut), actual.Count(r => Value(r) == cut));

        static string Value(string row) => row[..row.IndexOf(" | ", StringComparison.Ordinal)];
    }

    private static double Magnitude(string value)
    {
        var digits = new string([.. value.TakeWhile(c => char.IsDigit(c) || c == '.')]);
        var unit = value[digits.Length..];
        var scale = unit switch { "KB" => 1024.0, "M" => 1024.0 * 1024, "G" => 1024.0 * 1024 * 1024, "T" => 1024.0 * 1024 * 1024 * 1024, _ => 1 };
        return double.Parse(digits, CultureInfo.InvariantCulture) * scale;
    }

    // The chisel's rows (value and keys, as printed), sorted so ties in any order compare equal.
    private static List<string> Chisel(string path, string chisel, int keys)
    {
        var rows = new List<string>();
        foreach (var line in Sysdig.Read(path, "-c", chisel).Split('\n').Skip(2))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = new List<string> { line[..Math.Min(Column, line.Length)].Trim() };
            for (var i = 0; i < keys; i++)
            {
                var start = Column * (i + 1);
                parts.Add(i < keys - 1 ? line.Substring(start, Column).Trim() : line[start..]);
            }

            rows.Add(string.Join(" | ", parts));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static List<string> Rows(JsonElement s, string section, Func<JsonElement, string[]> row) =>
        [.. s.GetProperty(section).EnumerateArray().Select(e => string.Join(" | ", row(e))).Order(StringComparer.Ordinal)];

    private static string Bytes(JsonElement e, string name) => Analysis.Summaries.SummaryJson.Bytes(e.GetProperty(name).GetInt64());

    private static string Pid(JsonElement e) => e.GetProperty("pid").GetInt64().ToString(CultureInfo.InvariantCulture);

    private static string Cut(string s) => s.Length >= 25 ? s[..24] : s;

    // Keys other than the last are cut to the column width by the chisel.
    private static string Key(string s) => (s.Length > Column ? s[..Column] : s).Trim();
}
