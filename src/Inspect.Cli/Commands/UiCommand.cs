using Inspect.Cli.Cluster;
using Inspect.Ui;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect ui [FILE|DIR] [--listen HOST:PORT] [--key FILE]</c>: serves Sysdig Inspect's pages (overview, views,
/// drill-downs, syscall lists, I/O streams) for the captures in DIR, or for FILE alone, until interrupted.
/// <c>inspect ui --cluster</c> opens the ones the operator serves for the cluster's Captures instead.
/// </summary>
internal static class UiCommand
{
    private const string UsageLine = "inspect ui [FILE|DIR] [--listen HOST:PORT] [--key FILE]\n       inspect ui --cluster [--kubeconfig FILE] [--context NAME] [--operator-namespace NS] [--listen HOST:PORT]";

    private const string Help = $"""
        usage: {UsageLine}

        Serves Inspect in the browser: the overview tiles, the drill-down views, each row's syscalls and I/O
        streams, a filter box and a time window, all kept in the page's URL so a link reproduces what it shows.

          FILE|DIR           a capture, or a directory whose captures (files named *.scap*, in subdirectories too)
                             are listed; the current directory when left out. Nothing outside it is served.
          --listen HOST:PORT the address to listen on (default 127.0.0.1:8080; port 0 picks a free one)
          --key FILE         the key of captures encrypted by `inspect record --encrypt-key`

        In the cluster (`kubectl inspect ui` runs this): the pages of the operator's UI for the Captures of the
        namespaces where you may get captures.inspect.dev, and a Captures page that lists them with their nodes,
        artifacts and headline tiles and starts new ones (where you may create captures). A local port is forwarded
        to the operator pod through the API server, your kubeconfig's bearer token is added to every request, and the
        browser is opened on it.

          --cluster                   open the operator's UI (the chart's operator.ui.enabled) instead of local files
          --kubeconfig FILE           the kubeconfig (default $KUBECONFIG or ~/.kube/config)
          --context NAME              its context (default the current one)
          --operator-namespace NS     where the chart is installed (default inspect)
          --operator-selector LABELS  the operator pods' labels (default {OperatorUi.DefaultSelector})
          --operator-ca FILE          check the UI's certificate against this CA (default: trust the forwarded pod)
          --token-file FILE           send this bearer token instead of the kubeconfig's
          --no-browser                only print the address
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null;
        string? keyFile = null;
        var listen = "127.0.0.1:8080";
        var cluster = false;
        var clusterCommand = new ClusterUiCommand { Listen = listen };
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
                case "--cluster":
                    cluster = true;
                    break;
                case "--kubeconfig":
                    clusterCommand = clusterCommand with { Kubeconfig = cursor.ValueOf(arg) };
                    break;
                case "--context":
                    clusterCommand = clusterCommand with { Context = cursor.ValueOf(arg) };
                    break;
                case "--operator-namespace":
                    clusterCommand = clusterCommand with { OperatorNamespace = cursor.ValueOf(arg) };
                    break;
                case "--operator-selector":
                    clusterCommand = clusterCommand with { OperatorSelector = cursor.ValueOf(arg) };
                    break;
                case "--operator-ca":
                    clusterCommand = clusterCommand with { OperatorCa = cursor.ValueOf(arg) };
                    break;
                case "--token-file":
                    clusterCommand = clusterCommand with { TokenFile = cursor.ValueOf(arg) };
                    break;
                case "--no-browser":
                    clusterCommand = clusterCommand with { OpenBrowser = false };
                    break;
                case ['-', _, ..]:
                    throw new UsageException($"ui: unknown option {arg} (usage: {UsageLine})");
                default:
                    path = path is null ? arg : throw new UsageException($"ui: one FILE or DIR only (usage: {UsageLine})");
                    break;
            }
        }

        try
        {
            UiServer.ParseListen(listen);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("ui: " + e.Message);
        }

        if (cluster)
        {
            if (path is not null || keyFile is not null)
            {
                throw new UsageException($"ui: --cluster opens the operator's Captures, not FILE, DIR or --key (usage: {UsageLine})");
            }

            return (clusterCommand with { Listen = listen }).Run(stdout, stderr);
        }

        if (clusterCommand != new ClusterUiCommand { Listen = "127.0.0.1:8080" })
        {
            throw new UsageException($"ui: --kubeconfig, --context, --operator-*, --token-file and --no-browser go with --cluster (usage: {UsageLine})");
        }

        var options = new UiOptions
        {
            Path = path ?? Directory.GetCurrentDirectory(),
            Listen = listen,
            OpenCapture = file => CaptureInput.Open(file, keyFile),
        };

        var server = UiServer.StartAsync(options).GetAwaiter().GetResult();
        stdout.WriteLine($"Inspect UI on {server.Address} (Ctrl+C stops it)");
        stdout.Flush();
        server.WaitForShutdownAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return CommandLine.ExitOk;
    }
}
