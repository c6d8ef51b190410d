using Inspect.Operator.Core.Translation;
using static Inspect.Operator.Core.Tests.Fixtures;

namespace Inspect.Operator.Core.Tests;

/// <summary>Which nodes join a running capture, and for how long they record.</summary>
public sealed class LateNodesTests
{
    private static readonly ClusterPod[] Pods =
    [
        Pod("team-a", "web-0", "node-1", ["app=web"]),
        Pod("team-a", "web-1", "node-2", ["app=web"]),
        Pod("team-a", "web-2", "node-3", ["app=web"]),
    ];

    [Fact]
    public void Only_nodes_not_in_status_join_with_the_remaining_duration_and_no_history()
    {
        var spec = ValidSpec();
        spec.PreTrigger = "10s";
        var translation = CaptureTranslator.Translate(Capture, spec, Cluster(Pods), Settings);
        var now = Start + TimeSpan.FromSeconds(12);

        var plan = LateNodes.Plan(translation, ["node-1"], Cluster(Pods), Settings, now);

        Assert.False(plan.PastEnd);
        Assert.Empty(plan.Throttled);
        Assert.Equal(["node-2", "node-3"], plan.Join.Select(r => r.NodeName));
        Assert.All(plan.Join, r =>
        {
            // 30 s from the start, 12 s gone.
            Assert.Equal(TimeSpan.FromSeconds(18), r.Limits.Duration);
            Assert.Equal(TimeSpan.Zero, r.Limits.PreTrigger);
            // Keys and start stay the capture's, so each node's artifact has its own key under the same capture.
            Assert.Equal(Start, r.StartedAt);
            Assert.Equal(CaptureTranslator.ArtifactKey("team-a", "web-cap", r.NodeName, Start), r.Output.ArtifactKey);
        });
    }

    [Fact]
    public void Nothing_joins_once_the_duration_is_over_or_less_than_the_minimum_is_left()
    {
        var translation = CaptureTranslator.Translate(Capture, ValidSpec(), Cluster(Pods), Settings);

        var over = LateNodes.Plan(translation, ["node-1"], Cluster(Pods), Settings, Start + TimeSpan.FromSeconds(31));
        var almost = LateNodes.Plan(translation, ["node-1"], Cluster(Pods), Settings, Start + TimeSpan.FromSeconds(29.5));

        Assert.True(over.PastEnd);
        Assert.Empty(over.Join);
        Assert.True(almost.PastEnd);
        Assert.Empty(almost.Join);
    }

    [Fact]
    public void A_capture_without_duration_keeps_taking_nodes_with_no_duration()
    {
        var spec = ValidSpec();
        spec.Duration = null;
        spec.MaxEvents = 1000;
        var translation = CaptureTranslator.Translate(Capture, spec, Cluster(Pods), Settings);

        var plan = LateNodes.Plan(translation, ["node-1", "node-2"], Cluster(Pods), Settings, Start + TimeSpan.FromDays(1));

        var joined = Assert.Single(plan.Join);
        Assert.Equal("node-3", joined.NodeName);
        Assert.Null(joined.Limits.Duration);
        Assert.Equal(1000, joined.Limits.MaxEvents);
    }

    [Fact]
    public void A_node_at_its_concurrent_limit_waits_while_the_cluster_limit_does_not_hold_back_a_running_capture()
    {
        var settings = Settings with { MaxConcurrentCapturesPerNode = 1, MaxConcurrentCapturesPerCluster = 1 };
        var cluster = Cluster(Pods) with
        {
            ActiveCapturesPerNode = new Dictionary<string, int> { ["node-2"] = 1 },
            ActiveCapturesInCluster = 1,
        };
        var translation = CaptureTranslator.Translate(Capture, ValidSpec(), cluster, settings);

        var plan = LateNodes.Plan(translation, ["node-1"], cluster, settings, Start + TimeSpan.FromSeconds(5));

        Assert.Equal(["node-2"], plan.Throttled);
        Assert.Equal(["node-3"], plan.Join.Select(r => r.NodeName));
    }

    [Fact]
    public void No_targets_or_an_invalid_spec_adds_nothing()
    {
        var gone = CaptureTranslator.Translate(Capture, ValidSpec(), Cluster(), Settings);
        var spec = ValidSpec();
        spec.Filter = "proc.name = = x";
        var invalid = CaptureTranslator.Translate(Capture, spec, Cluster(Pods), Settings);

        Assert.Same(LateNodePlan.None, LateNodes.Plan(gone, ["node-1"], Cluster(), Settings, Start));
        Assert.Same(LateNodePlan.None, LateNodes.Plan(invalid, ["node-1"], Cluster(Pods), Settings, Start));
    }

    [Fact]
    public void Starting_late_never_asks_for_less_than_the_minimum()
    {
        var request = CaptureTranslator.Translate(Capture, ValidSpec(), Cluster(Pods), Settings).Requests[0];

        Assert.Equal(LateNodes.MinimumRecording, LateNodes.StartingAt(request, Start + TimeSpan.FromMinutes(5)).Limits.Duration);
        Assert.Equal(TimeSpan.FromSeconds(-270), LateNodes.Remaining(request, Start + TimeSpan.FromMinutes(5)));
    }
}
