using System.Globalization;
using System.Net;

namespace Inspect.Operator;

/// <summary>The operator's command line (the flags the Helm chart's Deployment passes).</summary>
public sealed record OperatorOptions
{
    /// <summary>Reconcile only while holding the Lease.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>The Lease's namespace.</summary>
    public string LeaderElectionNamespace { get; init; } = "default";

    /// <summary>The Lease's name.</summary>
    public string LeaderElectionId { get; init; } = "inspect-operator";

    /// <summary>This replica's identity in the Lease (the pod name).</summary>
    public string Identity { get; init; } = Environment.MachineName;

    /// <summary>/healthz and /readyz.</summary>
    public IPEndPoint HealthProbeBindAddress { get; init; } = new(IPAddress.Any, 8081);

    /// <summary>/metrics (Prometheus).</summary>
    public IPEndPoint MetricsBindAddress { get; init; } = new(IPAddress.Any, 8080);

    /// <summary>Minimum log level.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Where the agent pods run.</summary>
    public string AgentNamespace { get; init; } = "default";

    /// <summary>Label selector of the agent pods.</summary>
    public string AgentSelector { get; init; } = "app.kubernetes.io/component=agent";

    /// <summary>The DNS name the agents' server certificates carry (their headless Service); checked on every connection.</summary>
    public string AgentService { get; init; } = "";

    /// <summary>The agents' gRPC port when the pod does not name a <c>grpc</c> container port.</summary>
    public int AgentPort { get; init; } = 7443;

    /// <summary>PEM file of the CA that signed the agents' certificates.</summary>
    public string? TlsCa { get; init; }

    /// <summary>PEM file of the operator's client certificate.</summary>
    public string? TlsCert { get; init; }

    /// <summary>PEM file of the operator's client key.</summary>
    public string? TlsKey { get; init; }

    /// <summary>Whether a Capture may turn redaction or its built-in rules off (the chart's redaction.allowCaptureOptOut,
    /// which also starts the agents with --allow-capture-opt-out); refused as an invalid spec otherwise.</summary>
    public bool AllowCaptureOptOut { get; init; }

    /// <summary>Concurrent captures per node; 0 for no limit.</summary>
    public int MaxCapturesPerNode { get; init; }

    /// <summary>Concurrent captures in the cluster; 0 for no limit.</summary>
    public int MaxCaptures { get; init; }

    /// <summary>Base directory on the nodes for nodeDirectory outputs.</summary>
    public string NodeOutputBasePath { get; init; } = "/var/lib/inspect/captures";

    /// <summary>Largest snaplen the agents honour.</summary>
    public int MaxSnaplen { get; init; } = 65000;

    /// <summary>Where the Falco alert webhook listens (HTTPS); null when it is not served.</summary>
    public IPEndPoint? WebhookBindAddress { get; init; }

    /// <summary>PEM file of the webhook's server certificate.</summary>
    public string? WebhookTlsCert { get; init; }

    /// <summary>PEM file of the webhook's server key.</summary>
    public string? WebhookTlsKey { get; init; }

    /// <summary>PEM file of the CA that issues the client certificates of Falco and Falcosidekick.</summary>
    public string? WebhookClientCa { get; init; }

    /// <summary>File of accepted bearer tokens, one per line (a mounted Secret).</summary>
    public string? WebhookTokenFile { get; init; }

    /// <summary>The namespace whose CapturePolicies may match pods in every namespace.</summary>
    public string PolicyNamespace { get; init; } = "default";

    /// <summary>Memory per flight-recorder ring (one per CapturePolicy with preTrigger per node that runs its pods).</summary>
    public long FlightRecorderMaxBytes { get; init; } = Webhook.WebhookSettings.DefaultRingMaxBytes;

    /// <summary>Where the web UI listens (HTTPS); null when it is not served.</summary>
    public IPEndPoint? UiBindAddress { get; init; }

    /// <summary>PEM file of the UI's server certificate.</summary>
    public string? UiTlsCert { get; init; }

    /// <summary>PEM file of the UI's server key.</summary>
    public string? UiTlsKey { get; init; }

    /// <summary>Where the UI keeps the artifacts it fetched from storage.</summary>
    public string UiCacheDirectory { get; init; } = "/tmp/inspect-ui";

    /// <summary>The most MiB of fetched artifacts kept.</summary>
    public long UiCacheMiB { get; init; } = 2048;

    /// <summary>Reads the flags; unknown flags and bad values are errors naming the flag.</summary>
    /// <exception cref="ArgumentException">A flag is unknown or its value is invalid.</exception>
    public static OperatorOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new OperatorOptions
        {
            Identity = environment("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName,
            LeaderElectionNamespace = environment("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default",
            AgentNamespace = environment("POD_NAMESPACE") is { Length: > 0 } agentNs ? agentNs : "default",
            PolicyNamespace = environment("POD_NAMESPACE") is { Length: > 0 } policyNs ? policyNs : "default",
        };
        foreach (var arg in args)
        {
            if (arg == "--leader-elect")
            {
                options = options with { LeaderElect = true };
                continue;
            }

            if (arg == "--allow-capture-opt-out")
            {
                options = options with { AllowCaptureOptOut = true };
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0)
            {
                throw new ArgumentException($"expected --flag=value, got '{arg}'");
            }

            var (name, value) = (arg[..equals], arg[(equals + 1)..]);
            options = name switch
            {
                "--leader-elect" => options with { LeaderElect = bool.TryParse(value, out var on) ? on : throw new ArgumentException($"--leader-elect: '{value}' is not true or false") },
                "--leader-election-namespace" => options with { LeaderElectionNamespace = value },
                "--leader-election-id" => options with { LeaderElectionId = value },
                "--health-probe-bind-address" => options with { HealthProbeBindAddress = Endpoint(name, value) },
                "--metrics-bind-address" => options with { MetricsBindAddress = Endpoint(name, value) },
                "--webhook-bind-address" => options with { WebhookBindAddress = value.Length == 0 ? null : Endpoint(name, value) },
                "--webhook-tls-cert" => options with { WebhookTlsCert = value },
                "--webhook-tls-key" => options with { WebhookTlsKey = value },
                "--webhook-client-ca" => options with { WebhookClientCa = value.Length == 0 ? null : value },
                "--webhook-token-file" => options with { WebhookTokenFile = value.Length == 0 ? null : value },
                "--policy-namespace" => options with { PolicyNamespace = value },
                "--flight-recorder-max-bytes" => options with { FlightRecorderMaxBytes = Bytes(name, value, 1L << 20, 4L << 30) },
                "--ui-bind-address" => options with { UiBindAddress = value.Length == 0 ? null : Endpoint(name, value) },
                "--ui-tls-cert" => options with { UiTlsCert = value },
                "--ui-tls-key" => options with { UiTlsKey = value },
                "--ui-cache-dir" => options with
                {
                    UiCacheDirectory = value.StartsWith('/') ? value : throw new ArgumentException($"--ui-cache-dir: '{value}' is not an absolute path"),
                },
                "--ui-cache-mib" => options with { UiCacheMiB = Number(name, value, 1, 1L << 30) },
                "--log-level" => options with { LogLevel = value },
                "--agent-namespace" => options with { AgentNamespace = value },
                "--agent-selector" => options with { AgentSelector = value },
                "--agent-service" => options with { AgentService = value },
                "--agent-port" => options with { AgentPort = (int)Number(name, value, 1, 65535) },
                "--tls-ca" => options with { TlsCa = value },
                "--tls-cert" => options with { TlsCert = value },
                "--tls-key" => options with { TlsKey = value },
                "--max-captures-per-node" => options with { MaxCapturesPerNode = (int)Number(name, value, 0, int.MaxValue) },
                "--max-captures" => options with { MaxCaptures = (int)Number(name, value, 0, int.MaxValue) },
                "--node-output-base-path" => options with
                {
                    NodeOutputBasePath = value.StartsWith('/') ? value : throw new ArgumentException($"--node-output-base-path: '{value}' is not an absolute path"),
                },
                "--max-snaplen" => options with { MaxSnaplen = (int)Number(name, value, 0, 65000) },
                _ => throw new ArgumentException($"unknown flag {name} (see --help)"),
            };
        }

        if (options.TlsCa is null || options.TlsCert is null || options.TlsKey is null)
        {
            throw new ArgumentException("--tls-ca, --tls-cert and --tls-key are required: the operator talks to agents only over mutual TLS");
        }

        if (options.WebhookBindAddress is not null && (options.WebhookTlsCert is null || options.WebhookTlsKey is null))
        {
            throw new ArgumentException("--webhook-bind-address needs --webhook-tls-cert and --webhook-tls-key: the alert webhook is served over HTTPS only");
        }

        if (options.WebhookBindAddress is not null && options.WebhookClientCa is null && options.WebhookTokenFile is null)
        {
            throw new ArgumentException("--webhook-bind-address needs --webhook-client-ca or --webhook-token-file: the alert webhook never accepts anonymous alerts");
        }

        if (options.UiBindAddress is not null && (options.UiTlsCert is null || options.UiTlsKey is null))
        {
            throw new ArgumentException("--ui-bind-address needs --ui-tls-cert and --ui-tls-key: the UI carries bearer tokens and is served over HTTPS only");
        }

        return options;
    }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        inspect-operator: reconciles Capture resources and drives the node agents

          --leader-elect                       reconcile only while holding a coordination.k8s.io Lease
          --leader-election-namespace=NS       the Lease's namespace (default $POD_NAMESPACE)
          --leader-election-id=NAME            the Lease's name (default inspect-operator)
          --health-probe-bind-address=[IP]:P   /healthz and /readyz (default :8081)
          --metrics-bind-address=[IP]:P        Prometheus /metrics (default :8080)
          --webhook-bind-address=[IP]:P        serve the Falco/Falcosidekick alert webhook (POST /falco) over HTTPS here
          --webhook-tls-cert=FILE --webhook-tls-key=FILE   the webhook's server certificate (PEM, required with it)
          --webhook-client-ca=FILE             accept client certificates issued by this CA (Falco's http_output mtls)
          --webhook-token-file=FILE            accept these bearer tokens, one per line (Falcosidekick customheaders);
                                               the webhook needs a client CA, a token file or both
          --policy-namespace=NS                CapturePolicies here may match pods in every namespace (default $POD_NAMESPACE)
          --flight-recorder-max-bytes=SIZE     memory of each flight-recorder ring the operator arms for a CapturePolicy
                                               with preTrigger, per node (bytes, or with Ki/Mi/Gi; 1Mi..4Gi, default 64Mi)
          --ui-bind-address=[IP]:P             serve the web UI over the cluster's Captures over HTTPS here; callers send their
                                               Kubernetes bearer token (TokenReview) and see the namespaces where they may
                                               get captures.inspect.dev (SubjectAccessReview)
          --ui-tls-cert=FILE --ui-tls-key=FILE the UI's server certificate (PEM, required with it)
          --ui-cache-dir=DIR                   where artifacts fetched from storage are kept (default /tmp/inspect-ui)
          --ui-cache-mib=N                     the most MiB kept there; least recently opened go first (default 2048)
          --log-level=LEVEL                    trace, debug, info, warning, error (default info)
          --agent-namespace=NS                 namespace of the agent pods (default $POD_NAMESPACE)
          --agent-selector=SELECTOR            label selector of the agent pods
          --agent-service=DNS                  name the agents' certificates must carry (e.g. inspect-agent.inspect.svc)
          --agent-port=PORT                    agents' gRPC port when their pod names no 'grpc' port (default 7443)
          --tls-ca=FILE --tls-cert=FILE --tls-key=FILE   mutual TLS towards the agents (PEM, required)
          --allow-capture-opt-out              accept Captures that turn redaction off (spec.redaction.enabled: false) or drop
                                               the built-in rules (builtInRules: false); without it they fail as InvalidSpec
                                               before anything starts (chart redaction.allowCaptureOptOut)
          --max-captures-per-node=N            concurrent captures per node (0: no limit)
          --max-captures=N                     concurrent captures in the cluster (0: no limit)
          --node-output-base-path=DIR          base directory of nodeDirectory outputs (default /var/lib/inspect/captures)
          --max-snaplen=N                      largest snaplen the agents honour (default 65000)
        """;

    private static long Number(string name, string value, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not an integer in {min}..{max}");

    private static long Bytes(string name, string value, long min, long max)
    {
        var (digits, unit) = value.EndsWith("Ki", StringComparison.Ordinal) ? (value[..^2], 1L << 10)
            : value.EndsWith("Mi", StringComparison.Ordinal) ? (value[..^2], 1L << 20)
            : value.EndsWith("Gi", StringComparison.Ordinal) ? (value[..^2], 1L << 30)
            : (value, 1L);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max / unit && n * unit >= min && n * unit <= max
            ? n * unit
            : throw new ArgumentException($"{name}: '{value}' is not a size between {min >> 20}Mi and {max >> 30}Gi (bytes, or a number with Ki, Mi or Gi)");
    }

    private static IPEndPoint Endpoint(string name, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"{name}: '{value}' is not [ADDRESS]:PORT");
        }

        var host = value[..colon].Trim('[', ']');
        return host.Length == 0 ? new IPEndPoint(IPAddress.Any, port)
            : IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port)
            : throw new ArgumentException($"{name}: '{host}' is not an IP address");
    }
}
