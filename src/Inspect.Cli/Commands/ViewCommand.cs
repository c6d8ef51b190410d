using System.Globalization;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.Views;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect view NAME FILE [FILTER] [--json | --format csysdig]</c>: one of Sysdig Inspect's drill-down tables
/// (csysdig's views), computed in one streaming pass with one aggregate per key.
/// </summary>
internal static class ViewCommand
{
    private const string UsageLine = "inspect view NAME FILE [--json | --format csysdig] [--from T] [--to T] [FILTER]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var names = string.Join(", ", ViewCatalog.All.Select(v => v.Id));
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine($"usage: {UsageLine}\n\n  NAME               one of: {names}\n  --json             the table as Inspect's JSON\n  --format csysdig   the JSON `csysdig -r FILE -v NAME -j -pc` prints\n{CaptureArguments.WindowHelp}  --key FILE         the key of a capture encrypted by `inspect record --encrypt-key`\n  FILTER             only events that pass this sysdig filter are counted");
            return args.Length == 0 ? CommandLine.ExitUsage : CommandLine.ExitOk;
        }

        var view = ViewCatalog.Find(args[0]) ?? throw new UsageException($"view: unknown view '{args[0]}' (known: {names})");
        var arguments = new CaptureArguments("view", UsageLine);
        string? format = null;
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
                default:
                    arguments.Add(args[i]);
                    break;
            }
        }

        var input = arguments.ExistingInput();
        var predicate = ReadCommand.CompileFilter(arguments.Filter);
        ViewBuilder builder;
        try
        {
            builder = new ViewBuilder(view);
        }
        catch (FieldException e)
        {
            throw new InvalidDataException($"view {view.Id}: {e.Message}", e);
        }

        var progress = ProgressReporter.ForTerminal(input, stderr);
        var pipeline = new EventPipeline(predicate) { Window = arguments.Window, Progress = progress is null ? null : progress.Update };
        using (var reader = CaptureInput.Open(input, arguments.KeyFile))
        {
            pipeline.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        progress?.Finish();
        var result = builder.Build();
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

    private static void WriteTable(ViewResult result, TextWriter o)
    {
        var header = result.View.Columns.Select(c => c.Name).ToArray();
        var rows = result.Rows.Select(r => r.Values.Select(v => v is long n ? n.ToString(CultureInfo.InvariantCulture) : (string)v).ToArray()).ToList();
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
