using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Tests.Support;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>Operators and agents that go away mid-capture (synthetic probe, no root needed).</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Operator_restarted_mid_capture_reattaches_without_a_second_capture_and_status_converges()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        var first = await cluster.StartOperatorAsync("operator-1");
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("survivor", duration: "6s"));
        var running = await cluster.WaitForAsync("survivor", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing on every node");
        var startTime = running.Status!.StartTime;

        await cluster.StopOperatorAsync(first);
        // A new replica takes the Lease once the old one's expires, and carries on from what status says.
        var second = await cluster.StartOperatorAsync("operator-2");
        var done = await cluster.WaitForAsync("survivor", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded", TimeSpan.FromSeconds(40));

        Assert.Equal("operator-2", second.Election.Leader);
        Assert.Equal(startTime, done.Status!.StartTime);
        Assert.All(cluster.Agents.Values, a => Assert.Equal(1, a.Host.Captures.SessionsStarted));
        Assert.All(done.Status.Nodes!, n => Assert.Contains($"/{n.Node}-{startTime:yyyyMMdd'T'HHmmss'Z'}.scap.gz", n.ArtifactUri, StringComparison.Ordinal));
        Assert.All(done.Status.Nodes!, n => Assert.True(n.Events > 0));
    }

    [Fact]
    public async Task Agent_killed_mid_capture_leaves_the_capture_partially_succeeded_with_the_error()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("half", duration: "5s"));
        await cluster.WaitForAsync("half", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing on every node");

        await cluster.Agents["node-b"].KillAsync();
        var done = await cluster.WaitForAsync("half", c => c.Status?.Phase == CapturePhase.PartiallySucceeded, "PartiallySucceeded", TimeSpan.FromSeconds(40));

        var status = done.Status!;
        var survivor = Assert.Single(status.Nodes!, n => n.Node == "node-a");
        var lost = Assert.Single(status.Nodes!, n => n.Node == "node-b");
        Assert.Equal(NodePhase.Succeeded, survivor.Phase);
        Assert.True(File.Exists(CaptureFiles.PathOf(survivor.ArtifactUri!, "node-a")));
        Assert.Equal(NodePhase.Failed, lost.Phase);
        Assert.Contains("inspect-agent-node-b", lost.Error, StringComparison.Ordinal);
        Assert.Contains("unreachable", lost.Error, StringComparison.Ordinal);
        Assert.Null(lost.ArtifactUri);

        var degraded = Assert.Single(status.Conditions!, c => c.Type == ConditionTypes.Degraded);
        Assert.Equal(ConditionStatus.True, degraded.Status);
        Assert.Equal(CaptureReasons.PartiallySucceeded, degraded.Reason);
        Assert.Contains("node-b", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionStatus.True, Assert.Single(status.Conditions!, c => c.Type == ConditionTypes.Ready).Status);
    }
}
