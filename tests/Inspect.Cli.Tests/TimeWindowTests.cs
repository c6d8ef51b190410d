using System.Globalization;
using System.Text.Json;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>--from</c>/<c>--to</c> on every read-side verb select the same events as sysdig's own time filter
/// (<c>evt.rawtime&gt;=A and evt.rawtime&lt;=B</c>), whether written as absolute times or as offsets from the
/// capture's first event; bad values are usage errors that name the option and the value.
/// </summary>
public sealed class TimeWindowTests
{
    private const string Sample = "falco_cat_write.scap";

    [Fact]
    public void Read_shows_the_events_sysdig_shows_for_the_same_times()
    {
        var path = RepoPaths.Sample(Sample);
        var (from, to) = CatWindow(path);
        var expected = Sysdig.Read(path, RawTimeFilter(from, to));
        var result = InspectCli.Run("read", path, "--from", Ns(from), "--to", Ns(to));
        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result.Stdout);
    }

    [Fact]
    public void Offsets_and_rfc3339_times_select_the_same_events_as_epoch_nanoseconds()
    {
        var path = RepoPaths.Sample(Sample);
        var first = FirstEventTime(path);
        var from = first + 1_500_000_000;
        var to = first + 2_250_000_000;
        var byEpoch = InspectCli.Run("read", path, "--from", Ns(from), "--to", Ns(to));
        var byOffset = InspectCli.Run("read", path, "--from", "+1.5s", "--to", "+2250ms");
        var byTime = InspectCli.Run("read", path, "--from", Rfc3339(from, TimeSpan.FromHours(2)), "--to", Rfc3339(to, TimeSpan.Zero));
        Assert.Equal(Sysdig.Read(path, RawTimeFilter(from, to)), byEpoch.Stdout);
        Assert.Equal(byEpoch.Stdout, byOffset.Stdout);
        Assert.Equal(byEpoch.Stdout, byTime.Stdout);
    }

    [Fact]
    public void Summary_counts_the_events_a_chisel_sees_in_the_window()
    {
        var path = RepoPaths.Sample(Sample);
        var (from, to) = CatWindow(path);
        var result = InspectCli.Run("summary", path, "--json", "--from", Ns(from), "--to", Ns(to));
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        var syscalls = root.GetProperty("tiles").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "syscallCount");
        Assert.Equal(ChiselEventCount(path, RawTimeFilter(from, to)), syscalls.GetProperty("total").GetInt64());
        Assert.InRange(root.GetProperty("startNs").GetUInt64(), from, to);
        Assert.InRange(root.GetProperty("endNs").GetUInt64(), from, to);
        Assert.Equal(20, syscalls.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public void View_rows_match_csysdig_with_the_same_time_filter()
    {
        var path = RepoPaths.Sample(Sample);
        var (from, to) = CatWindow(path);
        var csysdig = ExternalProcess.Run("/usr/bin/csysdig", ["-r", path, "-v", "files", "-j", "-pc", RawTimeFilter(from, to)]);
        Assert.Equal(0, csysdig.ExitCode);
        var result = InspectCli.Run("view", "files", path, "--format", "csysdig", "--from", Ns(from), "--to", Ns(to));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Rows(csysdig.Stdout), Rows(result.Stdout));
        Assert.NotEmpty(Rows(result.Stdout));
    }

    [Fact]
    public void Payload_in_a_window_is_the_payload_of_the_events_in_it()
    {
        // The sample with the most I/O; the window leaves out its first and last few I/O events.
        var path = RepoPaths.Sample("falco_ping_sendto.scap");
        var io = Sysdig.Read(path, "-p", "%evt.rawtime", "evt.is_io=true").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => ulong.Parse(t, CultureInfo.InvariantCulture)).ToList();
        var (from, to) = (io[2], io[^3]);
        var windowed = InspectCli.Run("payload", path, "--from", Ns(from), "--to", Ns(to));
        var filtered = InspectCli.Run("payload", path, RawTimeFilter(from, to));
        var whole = InspectCli.Run("payload", path);
        Assert.Equal(0, windowed.ExitCode);
        Assert.Equal(filtered.Stdout, windowed.Stdout);
        Assert.NotEmpty(windowed.Stdout);
        Assert.NotEqual(whole.Stdout, windowed.Stdout);
    }

    [Theory]
    [InlineData("read", "--from", "+5", "a number and a unit")]
    [InlineData("summary", "--to", "yesterday", "not a time")]
    [InlineData("view", "--from", "2016-13-40T00:00:00Z", "not a time")]
    [InlineData("payload", "--to", "+0.5ns", "finer than a nanosecond")]
    [InlineData("read", "--from", "99999999999999999999999", "too large")]
    public void Bad_times_are_usage_errors_naming_the_option_and_value(string verb, string option, string value, string why)
    {
        string[] args = verb == "view" ? ["view", "files", RepoPaths.Sample(Sample), option, value] : [verb, RepoPaths.Sample(Sample), option, value];
        var result = InspectCli.Run(args);
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Contains($"{option} '{value}'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused()
    {
        var result = InspectCli.Run("read", RepoPaths.Sample(Sample), "--from", "+2s", "--to", "+1s");
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Contains("--from is after --to", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_is_a_usage_error()
    {
        var result = InspectCli.Run("summary", RepoPaths.Sample(Sample), "--to");
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Contains("--to needs a value", result.Stderr, StringComparison.Ordinal);
    }

    private static string RawTimeFilter(ulong from, ulong to) => $"evt.rawtime>={Ns(from)} and evt.rawtime<={Ns(to)}";

    private static string Ns(ulong ns) => ns.ToString(CultureInfo.InvariantCulture);

    private static string Rfc3339(ulong ns, TimeSpan offset)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds((long)(ns / 1_000_000_000)).ToOffset(offset);
        var zone = offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture);
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + (ns % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + zone;
    }

    // The capture's start as sysdig counts it (its first event, internal ones included), from the chisel's info.
    private static ulong FirstEventTime(string path)
    {
        using var doc = JsonDocument.Parse(OverviewParityTests.Chisel(path, 20, ""));
        var info = doc.RootElement.GetProperty("slices").EnumerateArray().Last().GetProperty("data").GetProperty("info");
        return ulong.Parse(info.GetProperty("startTs").GetString()!, CultureInfo.InvariantCulture);
    }

    // From the first to the last event of the cat process, both on the window's edges (which are included).
    private static (ulong From, ulong To) CatWindow(string path)
    {
        var times = Sysdig.Read(path, "-p", "%evt.rawtime", "proc.name=cat").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => ulong.Parse(t, CultureInfo.InvariantCulture)).ToList();
        return (times.Min(), times.Max());
    }

    // The number of events a chisel receives (internal ones included), counted by a one-line chisel run by sysdig.
    private static long ChiselEventCount(string path, string filter)
    {
        var dir = Directory.CreateTempSubdirectory("inspect-chisel-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "count_events.lua"), """
                description = "counts events"; short_description = "counts events"; category = "NA"; args = {}
                local n = 0
                function on_event() n = n + 1; return true end
                function on_capture_end() print(n) end
                """);
            var run = ExternalProcess.Run("/usr/bin/env", [$"SYSDIG_CHISEL_DIR={dir.FullName}", Sysdig.Path, "-r", path, "-c", "count_events", filter]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return long.Parse(run.Stdout.Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<string> Rows(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var last = doc.RootElement.GetProperty("slices").EnumerateArray().Last();
        return last.TryGetProperty("data", out var data) ? [.. data.EnumerateArray().Select(r => r.GetRawText()).Order(StringComparer.Ordinal)] : [];
    }
}
