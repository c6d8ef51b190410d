using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Tests.Support;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Operator.FlightRecorder;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Webhook;
using Inspect.TestSupport;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The whole alert path on the real eBPF probe (root only): a workload runs in a cgroup laid out like a pod's, the
/// operator arms the node's agent for it because a CapturePolicy asks for preTrigger, a Falco alert arrives at T, and
/// the stored capture holds the workload's events from preTrigger before T through after T, as sysdig reads them. The
/// secret the workload writes is masked before T (by the ring) and after it, and status counts every mask in the file.
/// </summary>
public sealed class AlertFlightRecorderRealProbeTests
{
    private const string Token = "real-probe-test-token";
    private const string ApiKey = "9f8e7d6c5b4a";
    private static readonly TimeSpan PreTrigger = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_alert_captures_the_pods_events_from_pre_trigger_before_it_until_after_it()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        var token = TestContext.Current.CancellationToken;
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.Agents["node-a"].KillAsync();
        await cluster.StartAgentAsync("node-a", new NativeProbeFactory(), services => services.AddSingleton<ITargetResolver>(new CgroupTargetResolver()));

        // The pod object and its cgroup on this machine agree on the pod's uid and container id.
        var containerId = KubernetesPodCgroup.NewId();
        var pod = await cluster.AddPodAsync("default", "web-0", "node-a", containerId);
        using var cgroup = KubernetesPodCgroup.Create(pod.Metadata.Uid, containerId);
        var markers = Path.Join(cluster.Root, "markers.txt");
        using var workload = MarkerWorkload.Start(markers, alsoWrite: $"X-Api-Key: {ApiKey}");
        cgroup.Add(workload.Pid);
        workload.Go();

        await AddPolicyAsync(cluster);
        var webhook = new WebhookSettings
        {
            Listen = FreePort.Loopback(),
            ServerCertificate = TestCertificates.Instance.Webhook,
            Tokens = [Token],
            ClusterPolicyNamespace = OperatorCluster.AgentNamespace,
            ArmInterval = TimeSpan.FromMilliseconds(300),
        };
        await cluster.StartOperatorAsync(webhook: webhook);
        await WebhookCalls.WaitForLeaderAsync(webhook, Token);

        // The operator arms the node's ring for the pod; it then keeps more than preTrigger of history.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cluster.Agents["node-a"].Host.Rings.List().Any(r => r.RingId.StartsWith(PlannedRing.IdPrefix, StringComparison.Ordinal) && r.Armed && r.EventsHeld > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "the operator never armed the node's ring for the pod");
            await Task.Delay(100, token);
        }

        await Task.Delay(PreTrigger + TimeSpan.FromSeconds(2), token);

        // T: Falco reports a shell in the pod's container.
        var alertTime = DateTimeOffset.UtcNow;
        using var sidekick = WebhookCalls.Client(webhook, token: Token);
        using var response = await sidekick.PostAsJsonAsync("/falco", Alert(containerId, alertTime), token);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(token))!;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var name = (string)Assert.Single(body["decisions"]!.AsArray())!["capture"]!;

        var done = await cluster.WaitForAsync(name, c => c.Status?.Phase is CapturePhase.Succeeded or CapturePhase.Failed, "finished", TimeSpan.FromSeconds(60));
        var node = Assert.Single(done.Status!.Nodes!);
        Assert.True(done.Status.Phase == CapturePhase.Succeeded, node.Error);
        var artifact = CaptureFiles.PathOf(node.ArtifactUri!, "node-a");

        // sysdig reads the stored file: the workload's marker writes, oldest and newest.
        var times = Sysdig.Read(artifact, "-p", "%evt.rawtime", $"proc.pid={workload.Pid} and evt.type=write and evt.buffer contains {MarkerWorkload.Marker}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => ulong.Parse(t, CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(times);
        var t = (ulong)(alertTime - DateTimeOffset.UnixEpoch).Ticks * 100;
        var reachesBack = TimeSpan.FromTicks((long)(t - Math.Min(t, times.Min())) / 100);
        var reachesAfter = TimeSpan.FromTicks((long)(times.Max() - Math.Min(times.Max(), t)) / 100);

        // From preTrigger before T (the workload writes every 20 ms, the shell and sleep take a little more)...
        Assert.True(reachesBack >= PreTrigger - TimeSpan.FromMilliseconds(150), $"the oldest marker is only {reachesBack.TotalSeconds:0.000} s before the alert");
        // ...but not from before what was asked (the ring holds more)...
        Assert.True(reachesBack <= PreTrigger + TimeSpan.FromMilliseconds(100), $"the oldest marker is {reachesBack.TotalSeconds:0.000} s before the alert, more than preTrigger (trigger {done.Spec.Trigger?.Time:O}, alert {alertTime:O}, start {done.Status.StartTime:O})");
        // ...through the capture's duration after T.
        Assert.True(reachesAfter >= TimeSpan.FromSeconds(1), $"the newest marker is only {reachesAfter.TotalSeconds:0.000} s after the alert");

        // No gap at the seam between the ring's history and the live recording: markers come every 20 ms or so.
        var sorted = times.Order().ToList();
        var widest = sorted.Zip(sorted.Skip(1), (a, b) => b - a).Max();
        Assert.True(widest < 500_000_000UL, $"a gap of {widest / 1e9:0.000} s between markers");

        // The file holds the pod and nothing else: every event sysdig attributes to a container is the pod's.
        var containers = Sysdig.Read(artifact, "-p", "%container.id", "container.id!=host")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal([containerId[..12]], containers);

        // The secret written with every marker, before T (in the ring's history) and after it, is masked everywhere in
        // the file (the workload's command line holds it too), and the node's count is the number of masks in the file.
        var secretTimes = Sysdig.Read(artifact, "-p", "%evt.rawtime", $"proc.pid={workload.Pid} and evt.type=write and evt.buffer contains X-Api-Key")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => ulong.Parse(x, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Contains(secretTimes, x => x < t);
        Assert.Contains(secretTimes, x => x > t);
        var raw = Encoding.Latin1.GetString(CaptureRedactionTests.Decompressed(artifact));
        Assert.DoesNotContain(ApiKey, raw, StringComparison.Ordinal);
        var masks = CaptureRedactionTests.Occurrences(raw, $"X-Api-Key: {new string('*', ApiKey.Length)}");
        Assert.True(masks >= secretTimes.Count, $"{masks} masks for {secretTimes.Count} writes of the secret");
        Assert.Equal(masks, node.Redactions!["http-x-api-key"]);
    }

    private static Task<V1Alpha1CapturePolicy> AddPolicyAsync(OperatorCluster cluster) =>
        cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
            new V1Alpha1CapturePolicy
            {
                Metadata = new V1ObjectMeta { Name = "shells", NamespaceProperty = OperatorCluster.AgentNamespace },
                Spec = new V1Alpha1CapturePolicySpec
                {
                    Match = new PolicyMatch { Rules = ["Terminal shell in container"] },
                    Template = new CaptureTemplate
                    {
                        Scope = CaptureScope.Pod,
                        Spec = new V1Alpha1CaptureSpec
                        {
                            Duration = "2s",
                            PreTrigger = "3s",
                            Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "alerts" } },
                        },
                    },
                },
            },
            InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies", cancellationToken: TestContext.Current.CancellationToken);

    // Falcosidekick's webhook body for Falco's "Terminal shell in container" rule, naming the container only (the
    // operator resolves the pod from it).
    private static JsonObject Alert(string containerId, DateTimeOffset time) => new()
    {
        ["uuid"] = Guid.NewGuid().ToString(),
        ["hostname"] = "node-a",
        ["output"] = $"{time.UtcDateTime.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}: Notice A shell was spawned in a container with an attached terminal (container_id={containerId[..12]})",
        ["output_fields"] = new JsonObject
        {
            ["container.id"] = containerId[..12],
            ["evt.time"] = (time - DateTimeOffset.UnixEpoch).Ticks * 100,
            ["proc.cmdline"] = "sh",
        },
        ["priority"] = "Notice",
        ["rule"] = "Terminal shell in container",
        ["source"] = "syscall",
        ["tags"] = new JsonArray("container", "shell"),
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
    };
}
