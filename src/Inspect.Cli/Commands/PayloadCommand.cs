using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Payload;
using Inspect.Cli.Output;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect payload FILE [FILTER]</c>: the data of reads, writes, sends and receives, in order, per fd, with direction
/// and endpoint, as hex and ASCII (Sysdig Inspect's I/O stream view: "see the SQL query").
/// </summary>
internal static class PayloadCommand
{
    private const string Help = """
        usage: inspect payload FILE [FILTER]

          FILTER   sysdig filter selecting the I/O events, e.g. "fd.sport=5432" or "proc.name=nginx and evt.is_io_write=true"
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? input = null;
        var filter = new List<string>();
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case ['-', _, ..] when filter.Count == 0 && input is null:
                    throw new UsageException($"payload: unknown option {arg}");
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
            throw new UsageException("payload: which capture? usage: inspect payload FILE [FILTER]");
        }

        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"cannot open {input}: no such file");
        }

        var predicate = ReadCommand.CompileFilter(filter.Count > 0 ? string.Join(' ', filter) : null);
        var progress = ProgressReporter.ForTerminal(input, stderr);
        var pipeline = new EventPipeline(predicate) { Progress = progress is null ? null : progress.Update };
        using (var reader = ScapReader.Open(input))
        {
            pipeline.Run(reader, (ref EventContext ctx) => PayloadWriter.Write(ref ctx, stdout));
        }

        progress?.Finish();
        return CommandLine.ExitOk;
    }
}
