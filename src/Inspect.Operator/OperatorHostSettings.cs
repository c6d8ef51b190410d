using System.Net;
using Inspect.Operator.Controllers;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Hosting;
using Inspect.Operator.Ui;
using Inspect.Operator.Webhook;

namespace Inspect.Operator;

/// <summary>Everything the operator host is built from (the command line maps onto this; tests set it directly).</summary>
public sealed record OperatorHostSettings
{
    /// <summary>/healthz and /readyz.</summary>
    public IPEndPoint HealthListen { get; init; } = new(IPAddress.Any, 8081);

    /// <summary>/metrics.</summary>
    public IPEndPoint MetricsListen { get; init; } = new(IPAddress.Any, 8080);

    public LeaderElectionSettings LeaderElection { get; init; } = new();

    /// <summary>Namespace of the agent pods.</summary>
    public string AgentNamespace { get; init; } = "default";

    /// <summary>Label selector of the agent pods.</summary>
    public string AgentSelector { get; init; } = "app.kubernetes.io/component=agent";

    /// <summary>DNS name the agents' certificates must carry; empty checks only the CA.</summary>
    public string AgentService { get; init; } = "";

    /// <summary>Agents' gRPC port when a pod names none.</summary>
    public int AgentPort { get; init; } = 7443;

    /// <summary>Limits and defaults applied to Capture specs.</summary>
    public OperatorSettings Translation { get; init; } = new();

    public ControllerTimings Timings { get; init; } = new();

    /// <summary>Captures reconciled at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>The Falco alert webhook; null when not served.</summary>
    public WebhookSettings? Webhook { get; init; }

    /// <summary>The web UI over the cluster's Captures; null when not served.</summary>
    public UiSettings? Ui { get; init; }

    /// <summary>The settings the command line asks for.</summary>
    public static OperatorHostSettings From(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OperatorHostSettings
        {
            HealthListen = options.HealthProbeBindAddress,
            MetricsListen = options.MetricsBindAddress,
            LeaderElection = new LeaderElectionSettings
            {
                Enabled = options.LeaderElect,
                Namespace = options.LeaderElectionNamespace,
                Name = options.LeaderElectionId,
                Identity = options.Identity,
            },
            AgentNamespace = options.AgentNamespace,
            AgentSelector = options.AgentSelector,
            AgentService = options.AgentService,
            AgentPort = options.AgentPort,
            Translation = new OperatorSettings
            {
                NodeDirectoryBasePath = options.NodeOutputBasePath,
                MaxConcurrentCapturesPerNode = options.MaxCapturesPerNode,
                MaxConcurrentCapturesPerCluster = options.MaxCaptures,
                AllowCaptureOptOut = options.AllowCaptureOptOut,
                DefaultOutput = DefaultStorage.FromEnvironment(Environment.GetEnvironmentVariable),
            },
            Webhook = options.WebhookBindAddress is { } listen
                ? WebhookSettings.Load(listen, options.WebhookTlsCert!, options.WebhookTlsKey!, options.WebhookClientCa, options.WebhookTokenFile, options.PolicyNamespace, options.FlightRecorderMaxBytes)
                : null,
            Ui = options.UiBindAddress is { } ui
                ? UiSettings.Load(ui, options.UiTlsCert!, options.UiTlsKey!, options.UiCacheDirectory, options.UiCacheMiB << 20)
                : null,
        };
    }
}
