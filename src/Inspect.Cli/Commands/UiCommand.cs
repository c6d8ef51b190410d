using Inspect.Ui;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect ui [FILE|DIR] [--listen HOST:PORT] [--key FILE]</c>: serves Sysdig Inspect's pages (overview, views,
/// drill-downs, syscall lists, I/O streams) for the captures in DIR, or for FILE alone, until interrupted.
/// </summary>
internal static class UiCommand
{
    private const string UsageLine = "inspect ui [FILE|DIR] [--listen HOST:PORT] [--key FILE]";

    private const string Help = $"""
        usage: {UsageLine}

        Serves Inspect in the browser: the overview tiles, the drill-down views, each row's syscalls and I/O
        streams, a filter box and a time window, all kept in the page's URL so a link reproduces what it shows.

          FILE|DIR           a capture, or a directory whose captures (files named *.scap*, in subdirectories too)
                             are listed; the current directory when left out. Nothing outside it is served.
          --listen HOST:PORT the address to listen on (default 127.0.0.1:8080; port 0 picks a free one)
          --key FILE         the key of captures encrypted by `inspect record --encrypt-key`
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null;
        string? keyFile = null;
        var listen = "127.0.0.1:8080";
        var cursor = new ArgumentCursor(args);
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case "--listen":
                    listen = cursor.ValueOf(arg);
                    break;
                case "--key":
                    keyFile = cursor.ValueOf(arg);
                    break;
                case ['-', _, ..]:
                    throw new UsageException($"ui: unknown option {arg} (usage: {UsageLine})");
                default:
                    path = path is null ? arg : throw new UsageException($"ui: one FILE or DIR only (usage: {UsageLine})");
                    break;
            }
        }

        var options = new UiOptions
        {
            Path = path ?? Directory.GetCurrentDirectory(),
            Listen = listen,
            OpenCapture = file => CaptureInput.Open(file, keyFile),
        };
        try
        {
            UiServer.ParseListen(listen);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("ui: " + e.Message);
        }

        var server = UiServer.StartAsync(options).GetAwaiter().GetResult();
        stdout.WriteLine($"Inspect UI on {server.Address} (Ctrl+C stops it)");
        stdout.Flush();
        server.WaitForShutdownAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return CommandLine.ExitOk;
    }
}
