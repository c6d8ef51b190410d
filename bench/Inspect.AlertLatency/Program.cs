using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inspect.Agent.Host;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Tests.Support;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Kubernetes.TestServer;
using Inspect.Operator;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Hosting;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Webhook;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: Inspect.AlertLatency REPO_ROOT [ALERTS] — root only (the real probe).
// One process holds the Kubernetes API test server, one agent host with the real probe, and the operator with its
// webhook. A workload runs in a pod-like cgroup; a CapturePolicy with preTrigger keeps the agent's ring armed for it.
// Each alert is posted as Falcosidekick posts it and timed: until the webhook answered (the Capture exists: the intake
// creates it before answering), and until the Capture's status shows the node Capturing (the agent started recording
// and the operator wrote that back). The next alert goes once the previous Capture finished.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Inspect.AlertLatency REPO_ROOT [ALERTS]");
    return 2;
}

var repoRoot = args[0];
var alerts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("alert-latency: needs root (the real eBPF probe)");
    return 2;
}

const string Token = "alert-latency-token";
const string Node = "node-a";
var root = Directory.CreateTempSubdirectory("inspect-alert-latency-").FullName;
await using var server = await KubeApiTestServer.StartAsync();
foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "config", "crd"), "*.yaml"))
{
    server.ApplyCrdFile(file);
}

server.CreateNamespace("inspect");
using var client = server.Client(KubeApiTestServer.AdminToken);
await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = Node } });

// The agent, with the real probe and the machine's cgroup v2 tree, published as the node's agent pod.
var agent = AgentHost.Create(
    new AgentHostOptions
    {
        GrpcListen = new IPEndPoint(IPAddress.Loopback, 0),
        HealthListen = new IPEndPoint(IPAddress.Loopback, 0),
        SpoolDirectory = Path.Join(root, "spool"),
        NodeName = Node,
    },
    TestCertificates.Instance.AgentCredentials,
    services =>
    {
        services.AddSingleton<IProbeFactory>(new NativeProbeFactory());
        services.AddSingleton<ITargetResolver>(new CgroupTargetResolver());
    },
    logging => logging.ClearProviders());
await agent.StartAsync();
var agentPod = await client.CoreV1.CreateNamespacedPodAsync(
    new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = "inspect-agent-" + Node, Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "agent" } },
        Spec = new V1PodSpec { NodeName = Node, Containers = [new V1Container { Name = "agent", Image = "inspect-agent", Ports = [new V1ContainerPort { Name = "grpc", ContainerPort = agent.GrpcAddress.Port }] }] },
    },
    "inspect");
agentPod.Status = new V1PodStatus { Phase = "Running", PodIP = "127.0.0.1" };
await client.CoreV1.ReplaceNamespacedPodStatusAsync(agentPod, agentPod.Metadata.Name, "inspect");

// The watched pod: an object whose uid and container id are those of a cgroup holding a busy-ish workload.
var containerId = KubernetesPodCgroup.NewId();
var pod = await client.CoreV1.CreateNamespacedPodAsync(
    new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = "web-0", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { NodeName = Node, Containers = [new V1Container { Name = "main", Image = "busybox" }] },
    },
    "default");
pod.Status = new V1PodStatus
{
    Phase = "Running",
    ContainerStatuses = [new V1ContainerStatus { Name = "main", Image = "busybox", ImageID = "", Ready = true, RestartCount = 0, ContainerID = "containerd://" + containerId }],
};
await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "web-0", "default");
using var cgroup = KubernetesPodCgroup.Create(pod.Metadata.Uid, containerId);
using var workload = MarkerWorkload.Start(Path.Join(root, "markers.txt"));
cgroup.Add(workload.Pid);
workload.Go();

await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
    new V1Alpha1CapturePolicy
    {
        Metadata = new V1ObjectMeta { Name = "bench", NamespaceProperty = "inspect" },
        Spec = new V1Alpha1CapturePolicySpec
        {
            Match = new PolicyMatch { Rules = ["Bench *"] },
            Limits = new PolicyLimits { CooldownSeconds = 0, MaxPerHour = 1000, MaxConcurrent = 100 },
            Template = new CaptureTemplate
            {
                Spec = new V1Alpha1CaptureSpec { Duration = "1s", PreTrigger = "5s", Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "bench" } } },
            },
        },
    },
    InspectNames.Group, InspectNames.Version, "inspect", "capturepolicies");

var webhook = new WebhookSettings
{
    Listen = FreePort.Loopback(),
    ServerCertificate = TestCertificates.Instance.Webhook,
    Tokens = [Token],
    ClusterPolicyNamespace = "inspect",
    ArmInterval = TimeSpan.FromSeconds(1),
};
await using var operatorHost = OperatorHost.Create(
    new OperatorHostSettings
    {
        HealthListen = FreePort.Loopback(),
        MetricsListen = FreePort.Loopback(),
        LeaderElection = new LeaderElectionSettings { Enabled = false },
        AgentNamespace = "inspect",
        AgentService = TestCertificates.AgentService,
        Translation = new OperatorSettings { NodeDirectoryBasePath = Path.Join(root, "captures") },
        Webhook = webhook,
    },
    server.ClientConfiguration(KubeApiTestServer.AdminToken),
    TestCertificates.Instance.OperatorCredentials,
    logging => logging.ClearProviders());
await operatorHost.StartAsync();

var armedBy = DateTime.UtcNow.AddSeconds(60);
while (!agent.Rings.List().Any(r => r.Armed && r.EventsHeld > 0))
{
    if (DateTime.UtcNow > armedBy)
    {
        Console.Error.WriteLine("alert-latency: the operator never armed the agent's ring");
        return 1;
    }

    await Task.Delay(100);
}

await Task.Delay(TimeSpan.FromSeconds(5));
using var sidekick = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
{
    BaseAddress = new Uri($"https://localhost:{webhook.Listen.Port}"),
};
sidekick.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

var created = new List<double>();
var started = new List<double>();
var asked = new List<double>();
var recording = new List<double>();
for (var i = 1; i <= alerts; i++)
{
    var alert = new JsonObject
    {
        ["uuid"] = Guid.NewGuid().ToString(),
        ["hostname"] = Node,
        ["output"] = "benchmark alert",
        ["output_fields"] = new JsonObject { ["k8s.ns.name"] = "default", ["k8s.pod.name"] = "web-0", ["container.id"] = containerId[..12] },
        ["priority"] = "Warning",
        ["rule"] = $"Bench alert {i}",
        ["source"] = "syscall",
        ["tags"] = new JsonArray("bench"),
        ["time"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
    };
    var clock = Stopwatch.StartNew();
    using var response = await sidekick.PostAsJsonAsync("/falco", alert);
    var answeredMs = clock.Elapsed.TotalMilliseconds;
    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    if (response.StatusCode != HttpStatusCode.Accepted || body["decisions"]?[0]?["capture"] is not { } captureName)
    {
        Console.Error.WriteLine($"alert-latency: alert {i} got {(int)response.StatusCode}: {body.ToJsonString()}");
        return 1;
    }

    // Also watched from inside the agent (same process): when the operator's StartCapture reached it, and when it
    // was recording (the probe loaded and attached), to tell the operator's share from the probe's.
    V1Alpha1Capture capture;
    double? agentAskedMs = null, agentRecordingMs = null;
    var idPrefix = $"default/{captureName}/";
    do
    {
        await Task.Delay(5);
        if (agent.Captures.All().FirstOrDefault(c => c.Id.StartsWith(idPrefix, StringComparison.Ordinal)) is { } managed)
        {
            agentAskedMs ??= clock.Elapsed.TotalMilliseconds;
            if (managed.Snapshot().Status.Phase != Inspect.Agent.Protocol.V1.CapturePhase.Pending)
            {
                agentRecordingMs ??= clock.Elapsed.TotalMilliseconds;
            }
        }

        capture = await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "default", "captures", (string)captureName!);
    }
    while (capture.Status?.Nodes?.FirstOrDefault()?.Phase is not (NodePhase.Capturing or NodePhase.Uploading or NodePhase.Succeeded or NodePhase.Failed)
           && clock.Elapsed < TimeSpan.FromSeconds(30));
    var startedMs = clock.Elapsed.TotalMilliseconds;
    created.Add(answeredMs);
    asked.Add(agentAskedMs ?? startedMs);
    recording.Add(agentRecordingMs ?? startedMs);
    started.Add(startedMs);
    Console.Error.WriteLine($"alert {i}: Capture created after {answeredMs:0.0} ms, agent asked after {agentAskedMs:0.0} ms, recording after {agentRecordingMs:0.0} ms, node Capturing in status after {startedMs:0.0} ms");

    // One at a time: wait for it to finish, so every alert meets an idle agent.
    while (capture.Status?.Phase is not (CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed) && clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        await Task.Delay(50);
        capture = await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "default", "captures", (string)captureName!);
    }

    if (capture.Status?.Phase != CapturePhase.Succeeded)
    {
        Console.Error.WriteLine($"alert-latency: capture {captureName} ended {capture.Status?.Phase}: {capture.Status?.Nodes?.FirstOrDefault()?.Error}");
        return 1;
    }
}

Console.WriteLine($"{alerts} alerts, one at a time, ring armed (preTrigger 5s), capture duration 1s");
Console.WriteLine("| step | median (ms) | p95 (ms) | max (ms) |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(Row("alert posted → Capture created (webhook answered)", created));
Console.WriteLine(Row("alert posted → the agent asked to start (StartCapture)", asked));
Console.WriteLine(Row("alert posted → the agent recording (probe loaded and attached)", recording));
Console.WriteLine(Row("alert posted → node Capturing in the Capture's status", started));
await operatorHost.StopAsync(TimeSpan.FromSeconds(5));
await agent.StopAsync(TimeSpan.FromSeconds(5));
await agent.DisposeAsync();
Console.Error.WriteLine($"alert-latency: the captures are under {root} (removed with the machine's /tmp)");
return 0;

static string Row(string step, List<double> values)
{
    var sorted = values.Order().ToList();
    double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"| {step} | {Percentile(0.5):0} | {Percentile(0.95):0} | {sorted[^1]:0} |");
}
