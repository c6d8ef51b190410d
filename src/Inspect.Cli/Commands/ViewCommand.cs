using System.Globalization;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.Views;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect view NAME FILE [FILTER] [--drill VIEW=KEY ...] [--json | --format csysdig]</c>: one of Sysdig Inspect's
/// drill-down tables (csysdig's views), computed in one streaming pass with one aggregate per key.
/// </summary>
internal static class ViewCommand
{
    private const string UsageLine = "inspect view NAME FILE [--drill VIEW=KEY ...] [--top N] [--json | --format csysdig] [--from T] [--to T] [--key FILE] [FILTER]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var names = string.Join(", ", ViewCatalog.All.Select(v => v.Id));
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(
                $"usage: {UsageLine}\n\n" +
                $"  NAME               one of: {names}\n" +
                "  --drill VIEW=KEY   only what row KEY of view VIEW covers, as drilling down from that row in Sysdig Inspect:\n" +
                "                     VIEW's filter and its key field equal to KEY (e.g. --drill procs=1234 is\n" +
                "                     (evt.type!=switch) and proc.pid=\"1234\"); repeat to drill further\n" +
                "  --top N            only the first N rows in the view's order (picked without sorting the rest)\n" +
                "  --json             the table as Inspect's JSON\n" +
                "  --format csysdig   the JSON `csysdig -r FILE -v NAME -j -pc [FILTER]` prints\n" +
                CaptureArguments.WindowHelp +
                "  --key FILE         the key of a capture encrypted by `inspect record --encrypt-key`\n" +
                "  FILTER             a sysdig filter; the view counts only events that pass it and the view's own filter");
            return args.Length == 0 ? CommandLine.ExitUsage : CommandLine.ExitOk;
        }

        var view = ViewCatalog.Find(args[0]) ?? throw new UsageException($"view: unknown view '{args[0]}' (known: {names})");
        var arguments = new CaptureArguments("view", UsageLine);
        var drills = new List<string>();
        string? format = null;
        int? top = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--from" or "--to")
            {
                var cursor = new ArgumentCursor(args[i..]);
                arguments.TryTakeWindow(cursor.Next(), cursor);
                i++;
                continue;
            }

            switch (args[i])
            {
                case "-h" or "--help":
                    return Run(["--help"], stdout, stderr);
                case "--json" or "-j":
                    format = "json";
                    break;
                case "--format":
                    format = i + 1 < args.Length ? args[++i] : throw new UsageException("view: --format needs a value (csysdig)");
                    if (format != "csysdig")
                    {
                        throw new UsageException($"view: unknown format '{format}' (known: csysdig)");
                    }

                    break;
                case "--top":
                    var value = i + 1 < args.Length ? args[++i] : throw new UsageException("view: --top needs a number of rows");
                    top = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new UsageException($"view: --top '{value}': a whole number of rows, 0 or more");
                    break;
                case "--drill":
                    drills.Add(i + 1 < args.Length ? DrillFilter(args[++i]) : throw new UsageException("view: --drill needs VIEW=KEY, e.g. --drill procs=1234"));
                    break;
                default:
                    arguments.Add(args[i]);
                    break;
            }
        }

        var input = arguments.ExistingInput();

        // Checked alone first, so a mistake in it is reported against the text the user wrote.
        ReadCommand.CompileFilter(arguments.Filter);
        var filter = drills.Aggregate(arguments.Filter ?? "", ViewFilters.Combine);
        ViewBuilder builder;
        try
        {
            builder = new ViewBuilder(view, filter);
        }
        catch (FieldException e)
        {
            throw new InvalidDataException($"view {view.Id}: {e.Message}", e);
        }

        // Like csysdig, the view sees every event (internal ones such as procinfo samples too) and filters itself.
        var progress = ProgressReporter.ForTerminal(input, stderr);
        var pipeline = new EventPipeline { Window = arguments.Window, Progress = progress is null ? null : progress.Update, IncludeInternal = true, SkipLeadingContainerEvents = true };
        using (var reader = CaptureInput.Open(input, arguments.KeyFile))
        {
            pipeline.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        progress?.Finish();
        var result = builder.Build(pipeline.Engine, pipeline.Renderer, top);
        switch (format)
        {
            case "csysdig":
                stdout.WriteLine(ViewJson.Csysdig(result));
                break;
            case "json":
                stdout.WriteLine(ViewJson.Inspect(result));
                break;
            default:
                WriteTable(result, stdout);
                break;
        }

        return CommandLine.ExitOk;
    }

    // VIEW=KEY: the filter drilling into row KEY of VIEW adds.
    private static string DrillFilter(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var drillable = string.Join(", ", ViewCatalog.All.Where(v => ViewFilters.Template(v).Length > 0).Select(v => v.Id));
        if (eq <= 0)
        {
            throw new UsageException($"view: --drill '{text}': expected VIEW=KEY, e.g. procs=1234 (views with a drill-down: {drillable})");
        }

        var from = ViewCatalog.Find(text[..eq]);
        if (from is null || ViewFilters.Template(from).Length == 0)
        {
            throw new UsageException($"view: --drill '{text}': '{text[..eq]}' is not a view with a drill-down (known: {drillable})");
        }

        return ViewFilters.Drill(from, text[(eq + 1)..]);
    }

    private static void WriteTable(ViewResult result, TextWriter o)
    {
        var columns = result.View.Columns;
        var header = columns.Select(c => c.Name).ToArray();
        var rows = result.Rows.Select(r => r.Cells.Select((c, i) => ViewValueText.Text(columns[i], c, result.TimeDeltaNs)).ToArray()).ToList();
        o.WriteLine($"{result.View.Name} ({rows.Count} rows, by {header[result.View.SortColumn]})");
        if (rows.Count == 0)
        {
            o.WriteLine("  (none)");
            return;
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)) + 2).ToArray();
        o.WriteLine(Line(header, widths));
        foreach (var r in rows)
        {
            o.WriteLine(Line(r, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        "  " + string.Concat(cells.Select((c, i) => i < cells.Length - 1 ? c.PadRight(widths[i]) : c)).TrimEnd();
}
