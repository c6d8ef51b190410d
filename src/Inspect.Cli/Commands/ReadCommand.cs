using Inspect.Cli.Output;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect read FILE [-p FORMAT] [-w OUT [-z]] [-q]</c>: the counterpart of <c>sysdig -r</c>. Prints one line per
/// event as sysdig 0.29.3 would (same numbering, same events shown), or rewrites the capture.
/// </summary>
internal static class ReadCommand
{
    private const string Help = """
        usage: inspect read FILE [options]

          -p, --print FORMAT   output format, e.g. "%evt.num %evt.rawtime %evt.cpu %evt.type %evt.dir %thread.tid"
          -w, --write OUT      rewrite the capture to OUT (every section, metadata block and event)
          -z, --compress       gzip the file written with -w
          -q, --quiet          print nothing; report the number of events read on stderr
          -r FILE              the capture to read (the first positional argument works too)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Parse(args, stdout);
        if (options is null)
        {
            return CommandLine.ExitOk;
        }

        if (!File.Exists(options.Input))
        {
            throw new FileNotFoundException($"cannot open {options.Input}: no such file");
        }

        using var reader = ScapReader.Open(options.Input);
        if (options.Output is not null)
        {
            var written = Rewrite(reader, options.Output, options.Compress);
            if (options.Quiet)
            {
                stderr.WriteLine($"{written} events written to {options.Output}");
            }

            return CommandLine.ExitOk;
        }

        var format = EventLineFormat.Parse(options.Format ?? throw new UsageException(
            "the default sysdig line format needs process and argument fields that this build does not provide yet; pass -p FORMAT"));
        var count = Print(reader, options.Quiet ? null : format, stdout);
        if (options.Quiet)
        {
            stderr.WriteLine($"{count} events read");
        }

        return CommandLine.ExitOk;
    }

    /// <summary>Prints the events sysdig shows, numbered as sysdig numbers them; returns the number of events counted.</summary>
    internal static long Print(ScapReader reader, EventLineFormat? format, TextWriter output)
    {
        long number = 0;

        // sysdig consumes the container events that open a section while it loads the section's state: they are
        // numbered but never shown.
        var leadingContainerEvents = true;
        while (true)
        {
            var kind = reader.Read();
            if (kind == ScapRecordKind.End)
            {
                return number;
            }

            if (kind == ScapRecordKind.SectionHeader)
            {
                leadingContainerEvents = true;
            }

            if (kind != ScapRecordKind.Event)
            {
                continue;
            }

            var evt = reader.Event;
            var info = evt.Info;

            // sysdig 0.29.3 drops types newer than its table before numbering them.
            if (info is null)
            {
                continue;
            }

            number++;
            leadingContainerEvents &= info.Name == "container";
            if (format is null || leadingContainerEvents || info.IsInternal || evt.IsStateOnly)
            {
                continue;
            }

            format.Write(evt, number, output);
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
        string? input = null, format = null, output = null;
        bool compress = false, quiet = false;
        var filter = new List<string>();
        var cursor = new ArgumentCursor(args);
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
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
                    input = cursor.ValueOf(arg);
                    break;
                case "-z" or "--compress":
                    compress = true;
                    break;
                case "-q" or "--quiet":
                    quiet = true;
                    break;
                case ['-', _, ..]:
                    throw new UsageException($"read: unknown option {arg}");
                default:
                    if (input is null)
                    {
                        input = arg;
                    }
                    else
                    {
                        filter.Add(arg);
                    }

                    break;
            }
        }

        if (input is null)
        {
            throw new UsageException("read: which capture? usage: inspect read FILE [-p FORMAT] [-w OUT]");
        }

        if (filter.Count > 0)
        {
            throw new UsageException($"read: filter expressions ('{string.Join(' ', filter)}') need the analysis engine, which this build does not include yet");
        }

        return new ReadOptions(input, format, output, compress, quiet);
    }

    private sealed record ReadOptions(string Input, string? Format, string? Output, bool Compress, bool Quiet);
}
