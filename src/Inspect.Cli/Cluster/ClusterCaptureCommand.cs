using System.Text.Json.Nodes;
using Inspect.Cli.Commands;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using k8s;

namespace Inspect.Cli.Cluster;

/// <summary><c>inspect capture create|list|get|delete</c>: Capture resources in the cluster the kubeconfig names.</summary>
internal static class ClusterCaptureCommand
{
    public const string Help = """
        usage: inspect capture create NAME TARGET LIMIT [options] | create -f FILE   create a Capture
               inspect capture list [-A]                                            NAME and the columns of kubectl get
               inspect capture get NAME [-o json|yaml]                              phase, nodes, artifacts, summary
               inspect capture delete NAME [--wait]                                 delete (the operator stops the agents)
               inspect capture fetch s3://BUCKET/KEY OUT [options]                  download an artifact, checked

        cluster (as kubectl):
          --kubeconfig FILE     default: the first file in $KUBECONFIG, else ~/.kube/config, else the pod's service account
          --context NAME        a context of the kubeconfig (default: its current context)
          -n, --namespace NS    default: the context's namespace, else default
          -A, --all-namespaces  list: every namespace
          -o FORMAT             get, list, create: json or yaml instead of text (get and list also take
                                --output FORMAT; for create, --output is where the files go)

        create, targets (exactly one kind):
          -l, --selector K=V[,K=V]   pods whose labels match, in the namespace
          --pod NAME                 a pod of the namespace (repeat for more)
          --node NAME                every process on a node (repeat for more)
          --node-selector K=V[,K=V]  every process on the nodes whose labels match
          --container ID             a container by runtime id (repeat for more)
        create, limits (at least one) and content:
          --duration D               30s, 5m, 1h30m (a bare number is seconds)
          --max-bytes N              per node; k, M, G are powers of 1024
          --max-events N             per node
          --snaplen N                payload bytes kept per I/O call (0-65000, default 80)
          --filter FILTER            a sysdig filter applied before events are written
        create, output (default: the operator's storage):
          --output s3://BUCKET[/PREFIX] | node:PATH
          --endpoint URL, --region NAME, --credentials-secret SECRET   with s3:// (SECRET in the namespace)
          --ttl D                    delete the Capture this long after it finished
          --delete-artifacts         delete the stored files with the Capture
        create -f FILE               a Capture manifest (YAML or JSON; '-' reads standard input); its
                                     metadata.namespace, else -n
        --wait                       create: follow the progress until Succeeded, PartiallySucceeded or Failed
                                     (exit 0 only for Succeeded); delete: until the finalizer has run
        --timeout D                  with --wait: give up after D (default: no limit for create, 5m for delete)
        """;

    public static int Run(string verb, string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var context = new KubeContext();
        var flags = new CaptureFlags();
        var cursor = new ArgumentCursor(args);
        var positional = new List<string>();
        string? file = null;
        string? format = null;
        var wait = false;
        TimeSpan? timeout = null;
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(Help);
                return CommandLine.ExitOk;
            }

            if (context.TryTake(arg, cursor) || (verb == "create" && flags.TryTake(arg, cursor)))
            {
                continue;
            }

            switch (arg)
            {
                case "-f" or "--filename" when verb == "create":
                    file = cursor.ValueOf(arg);
                    break;
                case "-o" or "--output" when verb != "delete":
                    format = cursor.ValueOf(arg);
                    format = format is "json" or "yaml" ? format : throw new UsageException($"capture {verb}: -o takes json or yaml, not '{format}'");
                    break;
                case "--wait" when verb is "create" or "delete":
                    wait = true;
                    break;
                case "--timeout" when verb is "create" or "delete":
                    var text = cursor.ValueOf(arg);
                    timeout = Durations.TryParse(text, out var t) && t > TimeSpan.Zero
                        ? t
                        : throw new UsageException($"--timeout takes a duration such as 90s or 10m, not '{text}'");
                    break;
                default:
                    if (arg.StartsWith('-') && arg != "-")
                    {
                        throw new UsageException($"capture {verb}: unknown option '{arg}' (try `inspect capture --help`)");
                    }

                    positional.Add(arg);
                    break;
            }
        }

        if (verb != "list" && context.AllNamespaces)
        {
            throw new UsageException($"capture {verb}: -A applies to list only");
        }

        var configuration = context.Configuration();
        var ns = context.NamespaceFor(configuration);
        using var client = new k8s.Kubernetes(configuration);
        var captures = new ClusterCaptures(client);
        var what = positional.Count > 0 ? $"capture \"{positional[0]}\" in namespace \"{ns}\"" : $"captures in namespace \"{ns}\"";
        try
        {
            return verb switch
            {
                "create" => Create(captures, flags, file, positional, ns, context.Namespace, format, wait, timeout, stdin, stdout, stderr),
                "list" => List(captures, positional, context.AllNamespaces ? null : ns, format, stdout, stderr),
                "get" => Get(captures, OneName(verb, positional), ns, format, stdout),
                _ => Delete(captures, OneName(verb, positional), ns, wait, timeout ?? TimeSpan.FromMinutes(5), stdout, stderr),
            };
        }
        catch (Exception e) when (ClusterErrors.Describe(e, configuration.Host, what) is { } message)
        {
            throw new ClusterException(message);
        }
    }

    private static int Create(
        ClusterCaptures captures, CaptureFlags flags, string? file, List<string> positional, string ns, string? explicitNamespace,
        string? format, bool wait, TimeSpan? timeout, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        JsonObject manifest;
        if (file is not null)
        {
            if (flags.Any || positional.Count > 0)
            {
                throw new UsageException("capture create -f FILE takes the whole Capture from the file: no NAME and no target, limit or output options");
            }

            (manifest, ns) = CaptureManifest.Load(file, stdin, ns, explicitNamespace);
        }
        else
        {
            if (positional.Count != 1)
            {
                throw new UsageException("capture create needs a NAME (or -f FILE): inspect capture create NAME --selector app=web --duration 30s");
            }

            manifest = JsonNode.Parse(KubernetesJson.Serialize(flags.Build(positional[0], ns)))!.AsObject();
        }

        var created = captures.CreateAsync(ns, manifest, CancellationToken.None).GetAwaiter().GetResult();
        var name = created.Metadata.Name;
        if (!wait)
        {
            Print(created, format, stdout, () => stdout.WriteLine($"capture.{InspectNames.Group}/{name} created"));
            return CommandLine.ExitOk;
        }

        stderr.WriteLine($"inspect: capture.{InspectNames.Group}/{name} created in namespace {ns}; waiting for it to finish");
        var finished = new CaptureProgress(captures, ns, name, stderr).UntilFinishedAsync(timeout, CancellationToken.None).GetAwaiter().GetResult();
        Print(finished, format, stdout, () => CaptureDescription.Write(stdout, finished, DateTime.UtcNow));
        if (finished.Status?.Phase == CapturePhase.Succeeded)
        {
            return CommandLine.ExitOk;
        }

        stderr.WriteLine($"inspect: capture {ns}/{name} ended {finished.Status?.Phase}");
        return CommandLine.ExitFailure;
    }

    private static int List(ClusterCaptures captures, List<string> positional, string? ns, string? format, TextWriter stdout, TextWriter stderr)
    {
        if (positional.Count > 0)
        {
            throw new UsageException($"capture list takes no names (use `inspect capture get {positional[0]}`)");
        }

        var items = captures.ListAsync(ns, CancellationToken.None).GetAwaiter().GetResult();
        if (format is not null)
        {
            var list = new V1Alpha1CaptureList { Items = [.. items], Metadata = new() };
            Print(list, format, stdout, () => { });
            return CommandLine.ExitOk;
        }

        if (items.Count == 0)
        {
            // kubectl says this on stderr too; the table's consumers then see no header line.
            stderr.WriteLine(ns is null ? "No resources found" : $"No resources found in {ns} namespace.");
            return CommandLine.ExitOk;
        }

        CaptureListPrinter.Write(stdout, items, withNamespace: ns is null, DateTime.UtcNow);
        return CommandLine.ExitOk;
    }

    private static int Get(ClusterCaptures captures, string name, string ns, string? format, TextWriter stdout)
    {
        var capture = captures.GetAsync(ns, name, CancellationToken.None).GetAwaiter().GetResult();
        Print(capture, format, stdout, () => CaptureDescription.Write(stdout, capture, DateTime.UtcNow));
        return CommandLine.ExitOk;
    }

    private static int Delete(ClusterCaptures captures, string name, string ns, bool wait, TimeSpan timeout, TextWriter stdout, TextWriter stderr)
    {
        captures.DeleteAsync(ns, name, CancellationToken.None).GetAwaiter().GetResult();
        if (wait)
        {
            new CaptureProgress(captures, ns, name, stderr).UntilGoneAsync(timeout, CancellationToken.None).GetAwaiter().GetResult();
        }

        stdout.WriteLine($"capture.{InspectNames.Group} \"{name}\" deleted");
        return CommandLine.ExitOk;
    }

    private static string OneName(string verb, List<string> positional) => positional.Count == 1
        ? positional[0]
        : throw new UsageException($"capture {verb} needs one NAME: inspect capture {verb} NAME");

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static void Print(object resource, string? format, TextWriter stdout, Action text)
    {
        switch (format)
        {
            case "json":
                stdout.WriteLine(JsonNode.Parse(KubernetesJson.Serialize(resource))!.ToJsonString(Indented));
                break;
            case "yaml":
                stdout.Write(YamlJson.Write(JsonNode.Parse(KubernetesJson.Serialize(resource))!));
                break;
            default:
                text();
                break;
        }
    }
}
