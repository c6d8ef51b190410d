using System.Globalization;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Analysis.Tests;

/// <summary>
/// The counters and usage fields csysdig's views aggregate (evt.buflen.*, evt.count.error.*, thread.cpu*,
/// thread.vm*.b), checked against the other fields of the same events; the views that use them are compared with
/// csysdig itself in the CLI's view parity tests.
/// </summary>
public sealed class ViewCounterFieldsTests
{
    [Fact]
    public void Tables_are_well_formed()
    {
        FamilyTable.AssertWellFormed(IoCounterFields.Table, "evt");
        FamilyTable.AssertWellFormed(ThreadUsageFields.Table, "thread");
    }

    [Theory]
    [InlineData("falco_cat_write.scap", "evt.buflen.file", "file", "")]
    [InlineData("falco_cat_write.scap", "evt.buflen.file.in", "file", "<")]
    [InlineData("libs_test_ipv6_client.scap", "evt.buflen.net", "ipv6", "")]
    [InlineData("libs_test_ipv6_client.scap", "evt.buflen.net.out", "ipv6", ">")]
    public void Buffer_lengths_are_the_result_of_io_exits_on_their_kind_of_fd(string sample, string field, string fdType, string direction)
    {
        var counted = 0;
        // '*' prints lines whose fields have no value too (as <NA>).
        foreach (var line in Captures.Lines(sample, $"*%{field}|%evt.rawres|%fd.type|%evt.is_io_read|%evt.is_io_write|%evt.dir"))
        {
            var p = line.Split('|');
            var fdMatches = p[2] == fdType || (fdType == "ipv4" && p[2] == "ipv6");
            var succeeded = long.TryParse(p[1], CultureInfo.InvariantCulture, out var res) && res >= 0;
            var transfer = direction switch { "<" => p[3] == "true", ">" => p[4] == "true", _ => p[3] == "true" || p[4] == "true" };
            if (transfer && p[5] == "<" && fdMatches && succeeded)
            {
                Assert.Equal(p[1], p[0]);
                counted++;
            }
            else if (p[0] != "<NA>")
            {
                // Without a direction, sysdig also counts the other I/O exits on the fd (close: 0 bytes).
                Assert.True(direction.Length == 0 && p[5] == "<" && fdMatches && p[0] == p[1], line);
            }
        }

        Assert.True(counted > 0, $"{sample} has no event {field} applies to");
    }

    [Theory]
    [InlineData("falco_cat_write.scap")]
    [InlineData("libs_sample.scap")]
    [InlineData("falco_connect_localhost.scap")]
    public void Each_failed_event_counts_as_exactly_one_kind_of_error(string sample)
    {
        var failures = 0;
        foreach (var line in Captures.Lines(sample, "*%evt.failed %evt.count.error.file %evt.count.error.net %evt.count.error.memory %evt.count.error.other %evt.count.error"))
        {
            var p = line.Split(' ');
            var kinds = p[1..5].Count(v => v == "1");
            if (p[5] == "1")
            {
                failures++;
                Assert.True(kinds == 1 || (kinds == 2 && p[3] == "1" && p[2] == "1"), line);
            }
            else
            {
                Assert.Equal(0, kinds);
            }
        }

        Assert.True(failures > 0, $"{sample} has no failed event");
    }

    [Fact]
    public void Memory_in_bytes_is_on_the_main_thread_only()
    {
        var lines = Captures.Lines("libs_sample.scap", "*%thread.vmsize.b %proc.vmsize %thread.vmrss.b %proc.vmrss %thread.ismain");
        Assert.Contains(lines, l => l.EndsWith("false", StringComparison.Ordinal));
        foreach (var p in lines.Select(l => l.Split(' ')))
        {
            if (p[4] == "<NA>")
            {
                // No thread: no memory either.
                Assert.Equal("<NA>", p[0]);
                continue;
            }

            var main = p[4] == "true";
            Assert.Equal(main ? long.Parse(p[1], CultureInfo.InvariantCulture) * 1024 : 0, long.Parse(p[0], CultureInfo.InvariantCulture));
            Assert.Equal(main ? long.Parse(p[3], CultureInfo.InvariantCulture) * 1024 : 0, long.Parse(p[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Cpu_is_the_growth_of_the_procinfo_ticks_capped_at_100()
    {
        // Samples of (user, system) ticks: the first has nothing to compare with, the third grows by more than 100.
        (ulong User, ulong System)[] samples = [(10, 5), (30, 8), (500, 9), (500, 9)];
        var total = FieldRegistry.Bind("thread.cpu");
        var user = FieldRegistry.Bind("thread.cpu.user");
        var system = FieldRegistry.Bind("thread.cpu.system");
        var seen = new List<(double, double, double)>();
        using var reader = ProcInfoCapture(samples);
        var pipeline = new EventPipeline { IncludeInternal = true };
        pipeline.Run(reader, (ref EventContext c) => seen.Add((total.Extract(ref c).Real, user.Extract(ref c).Real, system.Extract(ref c).Real)));

        Assert.Equal([(0, 0, 0), (23, 20, 3), (100, 100, 1), (0, 0, 0)], seen);
    }

    [Fact]
    public void Cpu_has_no_value_outside_procinfo_events()
    {
        Assert.All(Captures.Lines("falco_cat_write.scap", "*%thread.cpu"), l => Assert.Equal("<NA>", l));
    }

    private static ScapReader ProcInfoCapture((ulong User, ulong System)[] samples)
    {
        var stream = new MemoryStream();
        using (var w = new ScapWriter(stream, leaveOpen: true))
        using (var b = new ScapEventBuilder())
        {
            w.WriteSectionHeader();
            w.WriteProcessList([new ThreadEntry { Tid = 10, Pid = 10, Ptid = 1, Comm = "busy", Exe = "/bin/busy" }]);
            w.WriteFdList(new FdTable(10, []));
            var ts = 1_000_000_000UL;
            foreach (var (u, s) in samples)
            {
                b.Begin(Inspect.Scap.Events.EventTable.ProcInfo, ts, 10).UInt64(u).UInt64(s);
                w.WriteEvent(b.Build(), 0);
                ts += 1_000_000_000UL;
            }
        }

        stream.Position = 0;
        return new ScapReader(stream);
    }
}
