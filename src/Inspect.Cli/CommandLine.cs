using Inspect.Cli.Commands;
using Inspect.Scap.Format;

namespace Inspect.Cli;

/// <summary>Entry point of the <c>inspect</c> tool: picks the verb and turns every failure into one line on stderr and a non-zero exit.</summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    private const string Usage = """
        usage: inspect <command> [options]

        commands:
          read FILE [-p FORMAT] [-j] [FILTER]        print the events of a capture like `sysdig -r` (or rewrite it with -w)
          fields [FAMILY]                            list the fields usable in filters and formats
          summary FILE [--json] [FILTER]             overview: top processes, files, connections, errors, servers
          view NAME FILE [FILTER]                    a drill-down table like csysdig: files, directories, connections, errors
          payload FILE [FILTER]                      read/write/send/recv data per fd as hex and ASCII
          record -o FILE [limits] [TARGET]           capture system calls into a .scap file (root; see `record --help`)
          capture create|list|get|delete [NAME]      Capture resources in the cluster of the kubeconfig (see `capture --help`)
          capture fetch s3://BUCKET/KEY OUT          download a capture from object storage, checked
          redact IN OUT [--rules FILE]               mask secrets in an existing capture (the rules `record` applies)
          ui [FILE|DIR] [--listen HOST:PORT]         serve the overview, views and I/O streams in the browser
          help                                       show this text

        Run `inspect <command> --help` for the options of a command.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        try
        {
            return args[0] switch
            {
                "read" => ReadCommand.Run(args[1..], stdout, stderr),
                "fields" => FieldsCommand.Run(args[1..], stdout),
                "summary" => SummaryCommand.Run(args[1..], stdout, stderr),
                "view" => ViewCommand.Run(args[1..], stdout, stderr),
                "payload" => PayloadCommand.Run(args[1..], stdout, stderr),
                "record" => RecordCommand.Run(args[1..], stdout, stderr),
                "capture" => CaptureCommand.Run(args[1..], stdout, stderr),
                "redact" => RedactCommand.Run(args[1..], stdout, stderr),
                "ui" => UiCommand.Run(args[1..], stdout, stderr),
                _ => throw new UsageException($"unknown command '{args[0]}' (try `inspect help`)"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"inspect: {e.Message}");
            return ExitUsage;
        }
        catch (Cluster.ClusterException e)
        {
            stderr.WriteLine($"inspect: {e.Message}");
            return ExitFailure;
        }
        catch (ScapFormatException e)
        {
            stderr.WriteLine($"inspect: corrupt capture: {e.Message}");
            return ExitFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"inspect: {e.Message}");
            return ExitFailure;
        }
    }
}
