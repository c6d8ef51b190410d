using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.FlightRecorder;
using k8s.Models;

namespace Inspect.Operator.Tests.Unit;

/// <summary>Which rings the policies and pods call for: one per policy with preTrigger per node running pods it may
/// watch, recording exactly those pods.</summary>
public sealed class RingPlannerTests
{
    private const string ClusterNamespace = "inspect-system";
    private const long MaxBytes = 32L << 20;

    [Fact]
    public void A_policy_with_pre_trigger_gets_one_ring_per_node_recording_exactly_its_matching_pods()
    {
        var policy = Policy(ClusterNamespace, "shells", "30s", selector: "web");
        var pods = new[]
        {
            Pod("shop", "web-0", "node-a", "web"),
            Pod("shop", "web-1", "node-a", "web"),
            Pod("shop", "web-2", "node-b", "web"),
            Pod("shop", "db-0", "node-a", "db"),
        };

        var rings = RingPlanner.Plan([policy], pods, ClusterNamespace, MaxBytes);

        Assert.Equal(["node-a", "node-b"], rings.Select(r => r.Node));
        var a = rings[0];
        Assert.Equal(["shop/web-0", "shop/web-1"], a.Pods);
        Assert.Equal(["poduid-shop-web-0", "poduid-shop-web-1", "poduid_shop_web_0", "poduid_shop_web_1"], a.CgroupHints);
        Assert.False(a.WholeNode);
        Assert.Equal(TimeSpan.FromSeconds(30) + FlightRecorderWindow.AlertLead, a.Window);
        Assert.Equal(MaxBytes, a.MaxBytes);
        Assert.StartsWith("policy/inspect-system/shells/", a.RingId, StringComparison.Ordinal);
        Assert.NotEqual(a.RingId, rings[1].RingId);

        var request = a.ToArmRequest();
        Assert.Equal(a.RingId, request.RingId);
        Assert.Equal(a.Window, request.Window.ToTimeSpan());
        Assert.Equal(MaxBytes, request.MaxBytes);
        Assert.Equal(a.CgroupHints, request.CgroupHints);
    }

    [Fact]
    public void A_namespaced_policy_watches_only_its_own_namespace_and_match_namespaces_narrows_further()
    {
        var pods = new[] { Pod("team-a", "web-0", "node-a", "web"), Pod("team-b", "web-0", "node-a", "web"), Pod("team-c", "web-0", "node-a", "web") };

        var own = Assert.Single(RingPlanner.Plan([Policy("team-a", "p", "10s")], pods, ClusterNamespace, MaxBytes));
        Assert.Equal(["team-a/web-0"], own.Pods);

        var narrowed = Policy(ClusterNamespace, "p", "10s");
        narrowed.Spec.Match.Namespaces = ["team-b", "team-c"];
        Assert.Equal(["team-b/web-0", "team-c/web-0"], Assert.Single(RingPlanner.Plan([narrowed], pods, ClusterNamespace, MaxBytes)).Pods);
    }

    [Fact]
    public void Policies_without_pre_trigger_dry_runs_and_pods_not_running_get_no_ring()
    {
        var dryRun = Policy(ClusterNamespace, "dry", "10s");
        dryRun.Spec.DryRun = true;
        var pending = Pod("shop", "web-1", "node-a", "web") with { Phase = "Pending" };
        var finished = Pod("shop", "web-2", "node-a", "web") with { Phase = "Succeeded" };
        var pods = new[] { Pod("shop", "web-0", "node-a", "web"), pending, finished };

        Assert.Empty(RingPlanner.Plan([Policy(ClusterNamespace, "none", null), Policy(ClusterNamespace, "bad", "soon"), dryRun], pods, ClusterNamespace, MaxBytes));
        Assert.Equal(["shop/web-0"], Assert.Single(RingPlanner.Plan([Policy(ClusterNamespace, "p", "10s")], pods, ClusterNamespace, MaxBytes)).Pods);
    }

    [Fact]
    public void The_ring_id_changes_when_pods_come_or_go_but_not_when_a_container_restarts()
    {
        var policy = Policy(ClusterNamespace, "shells", "30s");
        var web0 = Pod("shop", "web-0", "node-a", "web");
        var before = Assert.Single(RingPlanner.Plan([policy], [web0], ClusterNamespace, MaxBytes)).RingId;

        var restarted = web0 with { Containers = [new ClusterContainer("main", "containerd://" + new string('f', 64))] };
        Assert.Equal(before, Assert.Single(RingPlanner.Plan([policy], [restarted], ClusterNamespace, MaxBytes)).RingId);

        var joined = Assert.Single(RingPlanner.Plan([policy], [web0, Pod("shop", "web-1", "node-a", "web")], ClusterNamespace, MaxBytes)).RingId;
        Assert.NotEqual(before, joined);

        // A bigger budget or window is a different ring too (the agent arms an id once).
        Assert.NotEqual(before, Assert.Single(RingPlanner.Plan([policy], [web0], ClusterNamespace, MaxBytes * 2)).RingId);
    }

    [Fact]
    public void A_node_scoped_policy_records_the_whole_node_of_its_pods()
    {
        var policy = Policy(ClusterNamespace, "nodes", "20s");
        policy.Spec.Template.Scope = CaptureScope.Node;

        var ring = Assert.Single(RingPlanner.Plan([policy], [Pod("shop", "web-0", "node-a", "web")], ClusterNamespace, MaxBytes));

        Assert.True(ring.WholeNode);
        Assert.Empty(ring.CgroupHints);
        Assert.True(ring.ToArmRequest().WholeNode);
    }

    private static V1Alpha1CapturePolicy Policy(string ns, string name, string? preTrigger, string? selector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1Alpha1CapturePolicySpec
        {
            Match = new PolicyMatch
            {
                Rules = ["Terminal shell in container"],
                PodSelector = selector is null ? null : new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = selector } },
            },
            Template = new CaptureTemplate { Spec = new V1Alpha1CaptureSpec { Duration = "1m", PreTrigger = preTrigger } },
        },
    };

    private static ClusterPod Pod(string ns, string name, string node, string app) => new(
        ns,
        name,
        $"uid-{ns}-{name}",
        node,
        new Dictionary<string, string> { ["app"] = app },
        [new ClusterContainer("main", "containerd://" + new string('a', 64))],
        "Running");
}
