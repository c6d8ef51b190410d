using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.Formatting;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect read FILE [-p FORMAT] [-j] [--count] [FILTER]</c>: the counterpart of <c>sysdig -r</c>. Prints one line per
/// event as sysdig 0.29.3 would (same numbering, same events shown, same fields and filter language), or rewrites the
/// capture with <c>-w</c>.
/// </summary>
internal static class ReadCommand
{
    private static readonly string Help = $"""
        usage: inspect read FILE [options] [FILTER]

          -p, --print FORMAT   output format, e.g. "%evt.num %proc.name %fd.name" (default: sysdig's line
                               "%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info");
                               a leading '*' prints <NA> for missing values instead of skipping the event
          -j, --json           one JSON object per event, keyed by field
          -v, --verbose        do not cut data buffers at 80 characters
          --count              print only the number of events that pass the filter
          -w, --write OUT      rewrite the capture to OUT (every section, metadata block and event)
          -z, --compress       gzip the file written with -w
          -q, --quiet          print nothing; report the number of events read on stderr
          -r FILE              the capture to read (the first positional argument works too)
        {CaptureArguments.WindowHelp}
          --key FILE           the key of a capture encrypted by `inspect record --encrypt-key` (docs/encryption.md)
        FILTER is sysdig's filter language, e.g. "proc.name=cat and fd.name contains /etc";
        `inspect fields` lists the fields.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Parse(args, stdout);
        if (options is null)
        {
            return CommandLine.ExitOk;
        }

        if (options.Output is not null)
        {
            if (options.Filter is not null || options.Window is not null)
            {
                throw new UsageException("read: -w copies the whole capture; a filter or --from/--to cannot be combined with it yet");
            }

            using var input = CaptureInput.Open(options.Input, options.KeyFile);
            var written = Rewrite(input, options.Output, options.Compress);
            if (options.Quiet)
            {
                stderr.WriteLine($"{written} events written to {options.Output}");
            }

            return CommandLine.ExitOk;
        }

        var filter = CompileFilter(options.Filter);
        OutputFormat? format = null;
        if (!options.Quiet && !options.Count)
        {
            try
            {
                format = OutputFormat.Parse(options.Format ?? OutputFormat.Default);
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
        }

        var renderer = new ArgRenderer { MaxBufferLength = options.Json || options.Verbose ? 0 : 80 };
        var progress = ProgressReporter.ForTerminal(options.Input, stderr);
        var pipeline = new EventPipeline(filter, renderer) { Window = options.Window, Progress = progress is null ? null : progress.Update };
        using var reader = CaptureInput.Open(options.Input, options.KeyFile);
        try
        {
            if (format is null)
            {
                pipeline.Run(reader, static (ref EventContext _) => { });
            }
            else if (options.Json)
            {
                pipeline.Run(reader, (ref EventContext ctx) =>
                {
                    if (format.FormatJson(ref ctx) is { } line)
                    {
                        stdout.Write(line);
                        stdout.Write('\n');
                    }
                });
            }
            else
            {
                pipeline.Run(reader, (ref EventContext ctx) =>
                {
                    if (format.Format(ref ctx) is { } line)
                    {
                        stdout.Write(line);
                        stdout.Write('\n');
                    }
                });
            }
        }
        finally
        {
            progress?.Finish();
        }

        if (options.Count)
        {
            stdout.WriteLine(pipeline.EventsShown);
        }
        else if (options.Quiet)
        {
            stderr.WriteLine($"{pipeline.EventsRead} events read");
        }

        return CommandLine.ExitOk;
    }

    /// <summary>Compiles a filter given on the command line; errors become one usage line naming the column.</summary>
    internal static FilterPredicate? CompileFilter(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return FilterCompiler.Compile(text);
        }
        catch (FilterException e)
        {
            throw new UsageException($"filter error at column {e.Column}: {e.Reason}");
        }
    }

    /// <summary>Copies every section, metadata block and event into a new file; returns the number of events.</summary>
    internal static long Rewrite(ScapReader reader, string path, bool compress)
    {
        using var writer = ScapWriter.Create(path, compress);
        while (true)
        {
            switch (reader.Read())
            {
                case ScapRecordKind.End:
                    return writer.EventsWritten;
                case ScapRecordKind.SectionHeader:
                    writer.WriteSectionHeader();
                    break;
                case ScapRecordKind.MachineInfo:
                    writer.WriteMachineInfo(reader.Machine!);
                    break;
                case ScapRecordKind.InterfaceList:
                    writer.WriteInterfaceList(reader.Interfaces);
                    break;
                case ScapRecordKind.UserList:
                    writer.WriteUserList(reader.Users!);
                    break;
                case ScapRecordKind.ProcessList:
                    writer.WriteProcessList(reader.Threads);
                    break;
                case ScapRecordKind.FdList:
                    writer.WriteFdList(reader.Fds!);
                    break;
                case ScapRecordKind.Event:
                    writer.WriteEvent(reader.Event);
                    break;
            }
        }
    }

    private static ReadOptions? Parse(string[] args, TextWriter stdout)
    {
        var arguments = new CaptureArguments("read", "inspect read FILE [-p FORMAT] [FILTER]");
        string? format = null, output = null;
        bool compress = false, quiet = false, json = false, count = false, verbose = false;
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
                    return null;
                case "-p" or "--print":
                    format = cursor.ValueOf(arg);
                    break;
                case "-w" or "--write":
                    output = cursor.ValueOf(arg);
                    break;
                case "-r":
                    arguments.Input = cursor.ValueOf(arg);
                    break;
                case "-z" or "--compress":
                    compress = true;
                    break;
                case "-q" or "--quiet":
                    quiet = true;
                    break;
                case "-j" or "--json":
                    json = true;
                    break;
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                case "--count":
                    count = true;
                    break;
                default:
                    arguments.Add(arg);
                    break;
            }
        }

        return new ReadOptions(arguments.ExistingInput(), format, output, compress, quiet, json, count, verbose, arguments.Filter, arguments.Window, arguments.KeyFile);
    }

    private sealed record ReadOptions(string Input, string? Format, string? Output, bool Compress, bool Quiet, bool Json, bool Count, bool Verbose, string? Filter, TimeWindow? Window, string? KeyFile);
}
