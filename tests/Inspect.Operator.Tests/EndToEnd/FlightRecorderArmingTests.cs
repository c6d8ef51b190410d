using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Operator.FlightRecorder;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Webhook;
using k8s;
using k8s.Models;
using ArmStatus = Inspect.Agent.Protocol.V1.ArmStatus;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The leader keeps the agents' flight-recorder rings in line with a CapturePolicy that asks for preTrigger
/// (synthetic probes): armed on the nodes running matching pods, for exactly those pods; replaced when pods come or go;
/// re-armed after an agent restart; left alone by a new operator; disarmed when the policy is deleted.
/// </summary>
public sealed class FlightRecorderArmingTests
{
    [Fact]
    public async Task The_operator_arms_rings_for_matching_pods_and_converges_as_pods_agents_and_policies_change()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        cluster.Server.CreateNamespace("shop");
        var web0 = await cluster.AddPodAsync("shop", "web-0", "node-a", "0a0a0a0a0a0a", Labels("web"));
        var web1 = await cluster.AddPodAsync("shop", "web-1", "node-b", "0b0b0b0b0b0b", Labels("web"));
        await cluster.AddPodAsync("shop", "db-0", "node-a", "0c0c0c0c0c0c", Labels("db"));
        await AddPolicyAsync(cluster);
        var first = await cluster.StartOperatorAsync(webhook: Webhook());

        // Armed on both nodes, each ring recording its node's web pod only.
        var ringA = await SinglePolicyRingAsync(cluster, "node-a", r => r.Armed);
        var ringB = await SinglePolicyRingAsync(cluster, "node-b", r => r.Armed);
        Assert.StartsWith("policy/inspect/shells/", ringA.RingId, StringComparison.Ordinal);
        Assert.Equal(1, ringA.Cgroups);
        Assert.Equal(TimeSpan.FromSeconds(5) + Core.Translation.FlightRecorderWindow.AlertLead, ringA.Window.ToTimeSpan());
        var probeA = Assert.Single(cluster.Agents["node-a"].Probes!.Opened);
        Assert.EndsWith("/pod" + web0.Metadata.Uid, Assert.Single(probeA.Targets), StringComparison.Ordinal);
        Assert.EndsWith("/pod" + web1.Metadata.Uid, Assert.Single(Assert.Single(cluster.Agents["node-b"].Probes!.Opened).Targets), StringComparison.Ordinal);
        Assert.Equal(2, (await StatusWhenAsync(cluster, s => s?.ArmedPods == 2)).ArmedPods);

        // A second web pod on node-a: its ring is replaced by one recording both pods.
        var web2 = await cluster.AddPodAsync("shop", "web-2", "node-a", "0d0d0d0d0d0d", Labels("web"));
        var replaced = await SinglePolicyRingAsync(cluster, "node-a", r => r.Armed && r.RingId != ringA.RingId);
        Assert.Equal(2, replaced.Cgroups);
        var newest = cluster.Agents["node-a"].Probes!.Opened[^1];
        Assert.Equal(2, newest.Targets.Count);
        Assert.Contains(newest.Targets, t => t.EndsWith("/pod" + web2.Metadata.Uid, StringComparison.Ordinal));
        await StatusWhenAsync(cluster, s => s?.ArmedPods == 3);

        // The agent of node-b restarts with no rings: the next round arms it again.
        await cluster.Agents["node-b"].KillAsync();
        await cluster.StartAgentAsync("node-b");
        Assert.Equal(ringB.RingId, (await SinglePolicyRingAsync(cluster, "node-b", r => r.Armed)).RingId);

        // A new operator finds the rings armed and opens no new probe (arming is idempotent).
        await cluster.StopOperatorAsync(first);
        var probesBefore = cluster.Agents["node-a"].Probes!.Opened.Count;
        await cluster.StartOperatorAsync(identity: "operator-2", webhook: Webhook());
        await StatusWhenAsync(cluster, s => s?.ArmedPods == 3);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(probesBefore, cluster.Agents["node-a"].Probes!.Opened.Count);
        Assert.Equal(replaced.RingId, (await SinglePolicyRingAsync(cluster, "node-a", r => r.Armed)).RingId);

        // web-1 leaves: node-b's ring goes. The policy goes: node-a's ring goes.
        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", cancellationToken: TestContext.Current.CancellationToken);
        await NoPolicyRingAsync(cluster, "node-b");
        await StatusWhenAsync(cluster, s => s?.ArmedPods == 2);
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies", "shells", cancellationToken: TestContext.Current.CancellationToken);
        await NoPolicyRingAsync(cluster, "node-a");
    }

    [Fact]
    public async Task A_policy_whose_pods_have_no_cgroup_on_the_node_says_so_in_its_status()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        cluster.Server.CreateNamespace("shop");
        var pod = await cluster.AddPodAsync("shop", "web-0", "node-a", "0a0a0a0a0a0a", Labels("web"));
        Directory.Delete(Path.Join(cluster.CgroupRoot("node-a"), "kubepods", "burstable", "pod" + pod.Metadata.Uid), recursive: true);
        await AddPolicyAsync(cluster);
        await cluster.StartOperatorAsync(webhook: Webhook());

        var status = await StatusWhenAsync(cluster, s => s?.ArmingProblem is not null);
        Assert.Equal(0, status.ArmedPods);
        Assert.Contains("no cgroup", status.ArmingProblem, StringComparison.Ordinal);
        Assert.Contains("node-a", status.ArmingProblem, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Labels(string app) => new() { ["app"] = app };

    private static WebhookSettings Webhook() => new()
    {
        Listen = FreePort.Loopback(),
        ServerCertificate = TestCertificates.Instance.Webhook,
        Tokens = ["armer-test-token"],
        ClusterPolicyNamespace = OperatorCluster.AgentNamespace,
        PolicyStatusInterval = TimeSpan.FromMilliseconds(200),
        ArmInterval = TimeSpan.FromMilliseconds(300),
    };

    private static async Task AddPolicyAsync(OperatorCluster cluster)
    {
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
            new V1Alpha1CapturePolicy
            {
                Metadata = new V1ObjectMeta { Name = "shells", NamespaceProperty = OperatorCluster.AgentNamespace },
                Spec = new V1Alpha1CapturePolicySpec
                {
                    Match = new PolicyMatch
                    {
                        Rules = ["Terminal shell in container"],
                        PodSelector = new LabelSelector { MatchLabels = Labels("web") },
                    },
                    Template = new CaptureTemplate
                    {
                        Scope = CaptureScope.Pod,
                        Spec = new V1Alpha1CaptureSpec { Duration = "1s", PreTrigger = "5s", Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "alerts" } } },
                    },
                },
            },
            InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies", cancellationToken: TestContext.Current.CancellationToken);
    }

    private static IReadOnlyList<ArmStatus> PolicyRings(OperatorCluster cluster, string node) =>
        [.. cluster.Agents[node].Host.Rings.List().Where(r => r.RingId.StartsWith(PlannedRing.IdPrefix, StringComparison.Ordinal))];

    private static async Task<ArmStatus> SinglePolicyRingAsync(OperatorCluster cluster, string node, Func<ArmStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<ArmStatus> rings;
        do
        {
            rings = PolicyRings(cluster, node);
            if (rings.Count == 1 && condition(rings[0]))
            {
                return rings[0];
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"node {node} never kept exactly one such policy ring; it keeps [{string.Join(", ", rings.Select(r => $"{r.RingId} armed={r.Armed}"))}]");
        return null!;
    }

    private static async Task NoPolicyRingAsync(OperatorCluster cluster, string node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (PolicyRings(cluster, node).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"node {node} still keeps [{string.Join(", ", PolicyRings(cluster, node).Select(r => r.RingId))}]");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<V1Alpha1CapturePolicyStatus> StatusWhenAsync(OperatorCluster cluster, Func<V1Alpha1CapturePolicyStatus?, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        V1Alpha1CapturePolicy policy;
        do
        {
            policy = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
                InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies", "shells", TestContext.Current.CancellationToken);
            if (condition(policy.Status))
            {
                return policy.Status!;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"the policy's status never got there: {KubernetesJson.Serialize(policy.Status)}");
        return null!;
    }
}
