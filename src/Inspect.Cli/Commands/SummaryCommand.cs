using System.Globalization;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Formatting;
using Inspect.Analysis.Summaries;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect summary FILE [--json] [FILTER]</c>: Sysdig Inspect's overview as data, computed in one streaming pass:
/// top processes, files and connections, new processes, failed syscalls, listening servers, events per second per
/// container. The tables match sysdig's chisels (topprocs_cpu, topfiles_bytes, topconns, ...).
/// </summary>
internal static class SummaryCommand
{
    private const int MaxParents = 4;
    private const int MaxCommandWidth = 100;

    private const string Help = """
        usage: inspect summary FILE [--json] [FILTER]

          --json   the summary as one JSON object
          FILTER   only events that pass this sysdig filter are counted
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CaptureArguments("summary", "inspect summary FILE [--json] [FILTER]");
        var json = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case "--json" or "-j":
                    json = true;
                    break;
                default:
                    arguments.Add(arg);
                    break;
            }
        }

        var input = arguments.ExistingInput();
        var predicate = ReadCommand.CompileFilter(arguments.Filter);
        var progress = ProgressReporter.ForTerminal(input, stderr);
        var builder = new SummaryBuilder();
        var pipeline = new EventPipeline(predicate) { IncludeInternal = true, Progress = progress is null ? null : progress.Update };
        using (var reader = ScapReader.Open(input))
        {
            pipeline.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        progress?.Finish();
        var summary = builder.Build() with { Redaction = pipeline.Redaction };
        if (json)
        {
            stdout.WriteLine(SummaryJson.Write(summary));
        }
        else
        {
            WriteText(summary, stdout);
        }

        return CommandLine.ExitOk;
    }

    private static void WriteText(Summary s, TextWriter o)
    {
        var seconds = (s.LastTimestamp - s.FirstTimestamp) / 1e9;
        o.WriteLine($"{s.Events} events over {seconds.ToString("0.000", CultureInfo.InvariantCulture)}s");
        Table(o, "Top processes by syscalls", ["Events", "Process", "PID"], s.TopProcessesBySyscalls.Select(p => new[] { p.Value.ToString(CultureInfo.InvariantCulture), p.Name, Num(p.Pid) }));
        Table(o, "Top processes by CPU", ["CPU%", "Process", "PID"], s.TopProcessesByCpu.Select(p => new[] { p.CpuPercent.ToString("0.00", CultureInfo.InvariantCulture) + "%", p.Name, Num(p.Pid) }));
        Table(o, "Top processes by file I/O", ["Bytes", "Process", "PID"], s.TopProcessesByFileBytes.Select(p => new[] { SummaryJson.Bytes(p.Value), p.Name, Num(p.Pid) }));
        Table(o, "Top processes by network I/O", ["Bytes", "Process", "PID"], s.TopProcessesByNetworkBytes.Select(p => new[] { SummaryJson.Bytes(p.Value), p.Name, Num(p.Pid) }));
        Table(o, "Top files", ["Bytes", "Read", "Written", "Filename"], s.TopFiles.Select(f => new[] { SummaryJson.Bytes(f.Bytes), SummaryJson.Bytes(f.BytesRead), SummaryJson.Bytes(f.BytesWritten), f.Name }));
        Table(o, "Top connections", ["Bytes", "In", "Out", "Proto", "Container", "Conn"], s.TopConnections.Select(c => new[] { SummaryJson.Bytes(c.Bytes), SummaryJson.Bytes(c.BytesIn), SummaryJson.Bytes(c.BytesOut), c.Protocol, c.Pod ?? c.Container, c.Connection }));
        Table(o, "New processes", ["Time", "PID", "User", "Command", "Parents"], s.NewProcesses.Select(p => new[] { Analysis.Text.TimeText.Clock(p.Timestamp, false, false), Num(p.Pid), p.User, Shorten(p.CommandLine, MaxCommandWidth), ParentNames(p.Ancestors) }));
        Table(o, "Failed syscalls", ["Count", "Error", "Syscalls"], s.FailedSyscalls.Select(e => new[] { e.Count.ToString(CultureInfo.InvariantCulture), e.Error, string.Join(",", e.TopSyscalls) }));
        Table(o, "Listening servers", ["Proto", "Address", "TID/PID/Program"], s.ListeningServers.Select(l => new[] { l.Protocol, l.Address, $"{l.Tid}/{l.Pid}/{l.Name}" }));
        Table(o, "Events per second per container", ["Second", "Container", "Events"], s.EventsPerSecondByContainer.Select(c => new[] { Analysis.Text.TimeText.Clock(c.Second * 1_000_000_000, false, false), c.Container, c.Events.ToString(CultureInfo.InvariantCulture) }));
        if (s.Redaction is { } redaction)
        {
            var title = redaction.Final ? "Secrets redacted" : "Secrets redacted (counts incomplete: the recorder did not finish)";
            Table(o, title, ["Count", "Rule"], redaction.Rules.Select(r => new[] { Num(r.Count), r.Rule }));
        }
    }

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    // The readable table names each ancestor by its program only and stops after a few levels; --json keeps the full
    // command lines of the whole chain.
    private static string ParentNames(IReadOnlyList<string> ancestors)
    {
        var names = ancestors.Take(MaxParents).Select(commandLine => Path.GetFileName(commandLine.Split(' ', 2)[0]));
        return string.Join(" < ", names) + (ancestors.Count > MaxParents ? " < ..." : "");
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 3), "...");

    private static void Table(TextWriter o, string title, string[] header, IEnumerable<string[]> rows)
    {
        o.WriteLine();
        o.WriteLine(title);
        var all = rows.ToList();
        if (all.Count == 0)
        {
            o.WriteLine("  (none)");
            return;
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, all.Max(r => r[i].Length)) + 2).ToArray();
        o.WriteLine("  " + string.Concat(header.Select((h, i) => i < header.Length - 1 ? h.PadRight(widths[i]) : h)));
        foreach (var r in all)
        {
            o.WriteLine("  " + string.Concat(r.Select((c, i) => i < r.Length - 1 ? c.PadRight(widths[i]) : c)));
        }
    }
}
