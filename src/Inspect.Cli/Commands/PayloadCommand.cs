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
    private const string UsageLine = "inspect payload FILE [--from T] [--to T] [--key FILE] [FILTER]";

    private static readonly string Help = $"""
        usage: {UsageLine}

        {CaptureArguments.WindowHelp}
          --key FILE         the key of a capture encrypted by `inspect record --encrypt-key`
          FILTER             sysdig filter selecting the I/O events, e.g. "fd.sport=5432" or "proc.name=nginx and evt.is_io_write=true"
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CaptureArguments("payload", UsageLine);
        var cursor = new ArgumentCursor(args);
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            if (arguments.TryTakeWindow(arg, cursor))
            {
                continue;
            }

            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(Help);
                return CommandLine.ExitOk;
            }

            arguments.Add(arg);
        }

        var input = arguments.ExistingInput();
        var predicate = ReadCommand.CompileFilter(arguments.Filter);
        var progress = ProgressReporter.ForTerminal(input, stderr);
        var pipeline = new EventPipeline(predicate) { Window = arguments.Window, Progress = progress is null ? null : progress.Update };
        using (var reader = CaptureInput.Open(input, arguments.KeyFile))
        {
            pipeline.Run(reader, (ref EventContext ctx) => PayloadWriter.Write(ref ctx, stdout));
        }

        progress?.Finish();
        return CommandLine.ExitOk;
    }
}
