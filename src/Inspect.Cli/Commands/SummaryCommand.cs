using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Overview;
using Inspect.Analysis.Summaries;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect summary FILE [FILTER]</c>: Sysdig Inspect's overview page — every tile with its total and timeline — and
/// the top tables (processes, files, connections, new processes, errors, servers), all computed in one streaming pass.
/// </summary>
internal static class SummaryCommand
{
    private const int MaxParents = 4;
    private const int MaxCommandWidth = 100;
    private const string UsageLine = "inspect summary FILE [--json | --format text|json|wsysdig] [--samples N] [--from T] [--to T] [FILTER]";

    private static readonly string Help = $"""
        usage: {UsageLine}

        Prints Sysdig Inspect's overview (tiles by section, each with its total, and a sparkline of its timeline on
        a terminal), then the top tables.

          --json             the overview and the tables as one JSON object (docs/overview-json.md)
          --format wsysdig   the JSON document Sysdig Inspect's wsysdig_summary chisel prints (slices, metrics, info)
          --format text      the default readable output
          --key FILE         the key of a capture encrypted by `inspect record --encrypt-key`
          --samples N        points per timeline, 1 to {OverviewOptions.BaseSamples} (default 20; wsysdig: {OverviewOptions.BaseSamples})
        {CaptureArguments.WindowHelp}
          FILTER             only events that pass this sysdig filter are counted
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CaptureArguments("summary", UsageLine);
        var format = "text";
        int? samples = null;
        var cursor = new ArgumentCursor(args);
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            if (arguments.TryTakeWindow(arg, cursor))
            {
                continue;
            }

            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case "--json" or "-j":
                    format = "json";
                    break;
                case "--format":
                    format = cursor.ValueOf(arg);
                    if (format is not ("text" or "json" or "wsysdig"))
                    {
                        throw new UsageException($"summary: --format '{format}': use text, json or wsysdig");
                    }

                    break;
                case "--samples":
                    var value = cursor.ValueOf(arg);
                    samples = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= OverviewOptions.BaseSamples
                        ? n
                        : throw new UsageException($"summary: --samples '{value}': a whole number from 1 to {OverviewOptions.BaseSamples}");
                    break;
                case "-r":
                    arguments.Input = cursor.ValueOf(arg);
                    break;
                default:
                    arguments.Add(arg);
                    break;
            }
        }

        var input = arguments.ExistingInput();
        var predicate = ReadCommand.CompileFilter(arguments.Filter);
        var window = arguments.Window;
        CaptureSpan span;
        using (var scan = CaptureInput.Open(input, arguments.KeyFile))
        using (var tail = ScapTailReader.TryOpen(input))
        {
            span = CaptureSpan.Measure(scan, window, tail);
        }

        var length = Math.Max(1, new FileInfo(input).Length);
        var progress = ProgressReporter.ForTerminal(input, stderr);
        OverviewBuilder? overview = null;
        ScapReader? current = null;
        var pipeline = new EventPipeline(predicate)
        {
            IncludeInternal = true,
            Window = window,
            Clock = ts => overview!.Tick(ts),
            Progress = progress is null ? null : progress.Update,
        };
        overview = new OverviewBuilder(pipeline.Engine, new OverviewOptions
        {
            DurationNs = span.Duration,
            Samples = samples ?? (format == "wsysdig" ? OverviewOptions.BaseSamples : DefaultSamples),
            FilterText = arguments.Filter,
            Filter = predicate,
            ReadProgress = () => Math.Min(100.0, current is null ? 0 : current.RecordOffset * 100.0 / length),
        });
        // The wsysdig document is the overview alone: the top tables are only built for the formats that print them.
        var builder = format == "wsysdig" ? null : new SummaryBuilder();
        using (var reader = CaptureInput.Open(input, arguments.KeyFile))
        {
            current = reader;
            pipeline.Run(reader, (ref EventContext ctx) =>
            {
                overview.Add(ref ctx);
                builder?.Add(ref ctx);
            });
        }

        progress?.Finish();
        var result = overview.Build();
        var tables = builder is null ? null : builder.Build() with { Redaction = pipeline.Redaction };
        switch (format)
        {
            case "wsysdig":
                WsysdigJson.Write(result, stdout);
                break;
            case "json":
                stdout.WriteLine(Json(result, samples ?? DefaultSamples, tables!));
                break;
            default:
                OverviewText.Write(result, stdout, sparklines: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
                WriteTables(tables!, stdout);
                break;
        }

        return CommandLine.ExitOk;
    }

    private const int DefaultSamples = 20;

    private static string Json(OverviewResult overview, int samples, Summary tables)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            OverviewJson.WriteMembers(w, overview, samples);
            w.WritePropertyName("tables");
            w.WriteRawValue(SummaryJson.Write(tables));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTables(Summary s, TextWriter o)
    {
        var seconds = (s.LastTimestamp - s.FirstTimestamp) / 1e9;
        o.WriteLine();
        o.WriteLine($"Top tables: {s.Events} events over {seconds.ToString("0.000", CultureInfo.InvariantCulture)}s");
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
