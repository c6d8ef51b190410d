using System.Net;
using System.Text;
using Inspect.Agent.Host;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer;
using Inspect.Kubernetes.TestServer.Cel;
using Inspect.Operator.Controllers;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Hosting;
using Inspect.Operator.Ui;
using Inspect.Operator.Webhook;
using Inspect.TestSupport;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspect.Operator.Tests.Support;

/// <summary>
/// The whole system in one process, over real HTTP and gRPC: the Kubernetes API test server with Inspect's CRDs,
/// nodes, one agent host per node (reached through its agent pod, as the operator finds agents in a cluster), and
/// operators started and stopped by the test. Node-directory outputs land under a temporary base directory.
/// </summary>
internal sealed class OperatorCluster : IAsyncDisposable
{
    public const string AgentNamespace = "inspect";
    public const string NodeLabel = "inspect.dev/test-node";
    public const string AgentSelector = "app.kubernetes.io/component=agent";

    private readonly List<OperatorHost> _operators = [];

    private OperatorCluster(KubeApiTestServer server, string root)
    {
        Server = server;
        Client = server.Client(KubeApiTestServer.AdminToken);
        Root = root;
        OutputBase = Path.Join(root, "captures");
        Directory.CreateDirectory(OutputBase);
    }

    public KubeApiTestServer Server { get; }

    public k8s.Kubernetes Client { get; }

    /// <summary>A temporary directory for spools and outputs, removed at the end.</summary>
    public string Root { get; }

    /// <summary>The operator's node-directory base path.</summary>
    public string OutputBase { get; }

    public Dictionary<string, TestAgent> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>How fast the operators look again; short so the tests are quick.</summary>
    public ControllerTimings Timings { get; private set; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        PendingRetry = TimeSpan.FromMilliseconds(500),
        AgentUnreachableAfter = TimeSpan.FromSeconds(2),
        StopGrace = TimeSpan.FromSeconds(10),
        AgentCallTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Starts the API server and one agent with a synthetic probe on each of <paramref name="nodes"/>.</summary>
    public static Task<OperatorCluster> StartAsync(params string[] nodes) => StartAsync(null, nodes);

    /// <summary>As <see cref="StartAsync(string[])"/>, with the operators' <paramref name="timings"/> instead of the defaults.</summary>
    public static Task<OperatorCluster> StartAsync(ControllerTimings? timings, params string[] nodes) => StartAsync(timings, new KubeApiTestServerOptions(), nodes);

    /// <summary>As <see cref="StartAsync(string[])"/>, with the API server checking the CRDs' CEL rules as the real one
    /// does; skips the test, with the reason, where node or cel-js is missing.</summary>
    public static Task<OperatorCluster> StartWithCelAsync(params string[] nodes)
    {
        var cel = NodeCelEvaluator.FromRepository(RepoPaths.RepoRoot);
        if (cel is null)
        {
            Assert.Skip("@marcbachmann/cel-js is missing from .tools/node_modules (scripts/install-deps installs it)");
        }

        return StartAsync(null, new KubeApiTestServerOptions { Cel = cel }, nodes);
    }

    private static async Task<OperatorCluster> StartAsync(ControllerTimings? timings, KubeApiTestServerOptions serverOptions, string[] nodes)
    {
        var server = await KubeApiTestServer.StartAsync(serverOptions);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "crd"), "*.yaml"))
        {
            server.ApplyCrdFile(file);
        }

        server.CreateNamespace(AgentNamespace);
        var root = Directory.CreateTempSubdirectory("inspect-operator-tests-").FullName;
        var cluster = new OperatorCluster(server, root);
        if (timings is not null)
        {
            cluster.Timings = timings;
        }

        foreach (var node in nodes)
        {
            await cluster.AddNodeAsync(node);
        }

        return cluster;
    }

    /// <summary>Adds a labelled node and starts its agent (see <see cref="StartAgentAsync"/>).</summary>
    public async Task<TestAgent> AddNodeAsync(string node, IProbeFactory? probes = null, Func<AgentHostOptions, AgentHostOptions>? options = null)
    {
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = node, Labels = new Dictionary<string, string> { [NodeLabel] = "yes" } } });
        return await StartAgentAsync(node, probes, options: options);
    }

    /// <summary>Starts an agent host for <paramref name="node"/> (a synthetic probe unless <paramref name="probes"/> says
    /// otherwise) and points the node's agent pod at it; <paramref name="options"/> changes its flags.</summary>
    public async Task<TestAgent> StartAgentAsync(
        string node, IProbeFactory? probes = null, Action<IServiceCollection>? configure = null, Func<AgentHostOptions, AgentHostOptions>? options = null)
    {
        var synthetic = probes is null ? new SyntheticProbeFactory() : null;
        var spool = Path.Join(Root, "spool-" + node);
        var defaults = new AgentHostOptions
        {
            GrpcListen = new IPEndPoint(IPAddress.Loopback, 0),
            HealthListen = new IPEndPoint(IPAddress.Loopback, 0),
            SpoolDirectory = spool,
            NodeName = node,
        };
        var host = AgentHost.Create(options?.Invoke(defaults) ?? defaults, TestCertificates.Instance.AgentCredentials, services =>
        {
            services.AddSingleton<IProbeFactory>(probes ?? synthetic!);
            // Pods are found in a cgroup tree of the test's own (see AddPodAsync); whole-node captures ignore it.
            services.AddSingleton<ITargetResolver>(new CgroupTargetResolver(CgroupRoot(node)));
            configure?.Invoke(services);
        }, Quiet);
        await host.StartAsync();
        var agent = new TestAgent(node, host, synthetic, spool);
        Agents[node] = agent;
        await PublishAgentPodAsync(node, host.GrpcAddress.Port);
        return agent;
    }

    /// <summary>The cgroup v2 tree the agent of <paramref name="node"/> searches for pods.</summary>
    public string CgroupRoot(string node) => Path.Join(Root, "cgroup-" + node);

    /// <summary>A running pod on <paramref name="node"/> with one container, and its cgroup directory (as kubelet's
    /// cgroupfs driver names it) in that node's tree.</summary>
    public async Task<V1Pod> AddPodAsync(string ns, string name, string node, string containerId, IDictionary<string, string>? labels = null)
    {
        var pod = await Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "main", Image = "busybox" }] },
            },
            ns);
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses = [new V1ContainerStatus { Name = "main", Image = "busybox", ImageID = "", Ready = true, RestartCount = 0, ContainerID = "containerd://" + containerId }],
        };
        pod = await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, ns);
        Directory.CreateDirectory(Path.Join(CgroupRoot(node), "kubepods", "burstable", "pod" + pod.Metadata.Uid, containerId));
        return pod;
    }

    /// <summary>A Secret holding S3 credentials as a Capture's <c>credentialsSecret</c> names them (s3rver's own by
    /// default).</summary>
    public Task<V1Secret> CreateStorageSecretAsync(string ns, string name, string accessKeyId = "S3RVER", string secretAccessKey = "S3RVER") =>
        Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name },
                Data = new Dictionary<string, byte[]> { ["accessKeyId"] = Encoding.UTF8.GetBytes(accessKeyId), ["secretAccessKey"] = Encoding.UTF8.GetBytes(secretAccessKey) },
            },
            ns);

    /// <summary>Starts an operator (leader-elected through the Lease <c>inspect/inspect-operator</c>), serving the
    /// alert webhook when <paramref name="webhook"/> is given and the web UI when <paramref name="ui"/> is; it accepts
    /// Captures that weaken redaction only with <paramref name="allowCaptureOptOut"/>.</summary>
    public async Task<OperatorHost> StartOperatorAsync(string identity = "operator-1", bool leaderElect = true, WebhookSettings? webhook = null, UiSettings? ui = null, bool allowCaptureOptOut = false)
    {
        var settings = new OperatorHostSettings
        {
            HealthListen = FreePort.Loopback(),
            MetricsListen = FreePort.Loopback(),
            LeaderElection = new LeaderElectionSettings
            {
                Enabled = leaderElect,
                Namespace = AgentNamespace,
                Name = "inspect-operator",
                Identity = identity,
                LeaseDuration = TimeSpan.FromSeconds(3),
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = TimeSpan.FromMilliseconds(500),
            },
            AgentNamespace = AgentNamespace,
            AgentSelector = AgentSelector,
            AgentService = TestCertificates.AgentService,
            Translation = new OperatorSettings { NodeDirectoryBasePath = OutputBase, AllowCaptureOptOut = allowCaptureOptOut },
            Timings = Timings,
            Webhook = webhook,
            Ui = ui,
        };
        var host = OperatorHost.Create(settings, Server.ClientConfiguration(KubeApiTestServer.AdminToken), TestCertificates.Instance.OperatorCredentials, Quiet);
        await host.StartAsync();
        _operators.Add(host);
        LastSettings = settings;
        return host;
    }

    /// <summary>The settings of the operator started last (its ports).</summary>
    public OperatorHostSettings? LastSettings { get; private set; }

    /// <summary>Stops an operator as a crash would leave things: no status written on the way out.</summary>
    public async Task StopOperatorAsync(OperatorHost host)
    {
        _operators.Remove(host);
        await host.StopAsync(TimeSpan.FromSeconds(5));
        await host.DisposeAsync();
    }

    /// <summary>A Capture of every test node for <paramref name="duration"/>, into the node directory <c>runs</c>.</summary>
    public static V1Alpha1Capture WholeNodeCapture(string name, string duration = "2s") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1Alpha1CaptureSpec
        {
            Targets = new CaptureTargets { NodeSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeLabel] = "yes" } } },
            Duration = duration,
            Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "runs" } },
        },
    };

    public Task<V1Alpha1Capture> CreateAsync(V1Alpha1Capture capture) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(capture, InspectNames.Group, InspectNames.Version, "default", "captures");

    public async Task<V1Alpha1Capture?> GetAsync(string name)
    {
        try
        {
            return await Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "default", "captures", name);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(InspectNames.Group, InspectNames.Version, "default", "captures", name);

    /// <summary>Polls the Capture until <paramref name="condition"/> holds; fails with its last status otherwise.</summary>
    public async Task<V1Alpha1Capture> WaitForAsync(string name, Func<V1Alpha1Capture, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        V1Alpha1Capture? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(name);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Capture {name} never became {what}; last seen: {(last is null ? "deleted" : last.Status is null ? "no status" : KubernetesJson.Serialize(last.Status))}");
        return null!;
    }

    /// <summary>Polls until the Capture is gone.</summary>
    public async Task WaitForDeletionAsync(string name, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await GetAsync(name) is null)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Capture {name} still exists: {KubernetesJson.Serialize((await GetAsync(name))?.Metadata)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _operators.ToList())
        {
            await StopOperatorAsync(host);
        }

        foreach (var agent in Agents.Values)
        {
            await agent.DisposeAsync();
        }

        Assert.Empty(Server.Router.InternalErrors);
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // Hosts log nothing in tests unless INSPECT_TEST_LOGS=1 asks for their console logs (for debugging a failure).
    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("INSPECT_TEST_LOGS") == "1")
        {
            logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);
        }
    }

    // The agent's pod as the DaemonSet would create it: labelled, on its node, Running, with a named gRPC port.
    private async Task PublishAgentPodAsync(string node, int port)
    {
        var name = "inspect-agent-" + node;
        try
        {
            await Client.CoreV1.DeleteNamespacedPodAsync(name, AgentNamespace);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }

        var pod = await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "agent" } },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "agent", Image = "inspect-agent", Ports = [new V1ContainerPort { Name = "grpc", ContainerPort = port }] }],
            },
        }, AgentNamespace);
        pod.Status = new V1PodStatus { Phase = "Running", PodIP = "127.0.0.1" };
        await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, AgentNamespace);
    }
}
