using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// A Capture from apply to stored files: operator, API test server and two agent hosts in-process, over real HTTPS
/// and gRPC with mutual TLS. The agents use the synthetic probe (<see cref="SyntheticProbe"/>), so these tests run
/// without root; the files are still written by the real capture session and read back by Inspect and by sysdig.
/// </summary>
public sealed class CaptureLifecycleTests
{
    private static readonly string[] Nodes = ["node-a", "node-b"];

    [Fact]
    public async Task Applied_capture_runs_on_every_node_and_succeeds_with_readable_artifacts()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("whole", duration: "3s"));

        // Progress arrives while recording: events counted on the nodes before the capture ends.
        var running = await cluster.WaitForAsync("whole", c => c.Status?.Phase == CapturePhase.Running && c.Status.Events > 0, "Running with events");
        Assert.All(running.Status!.Nodes!, n => Assert.Contains(n.Phase, new[] { NodePhase.Pending, NodePhase.Capturing }));
        Assert.Contains(InspectNames.CaptureFinalizer, running.Metadata.Finalizers);

        var done = await cluster.WaitForAsync("whole", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        var status = done.Status!;
        Assert.Equal(done.Metadata.Generation, status.ObservedGeneration);
        Assert.Equal(2, status.NodeCount);
        Assert.NotNull(status.StartTime);
        Assert.NotNull(status.CompletionTime);
        Assert.True(status.CompletionTime >= status.StartTime);
        Assert.Equal(ConditionStatus.True, Condition(status, ConditionTypes.Ready).Status);
        Assert.Equal(CaptureReasons.Succeeded, Condition(status, ConditionTypes.Ready).Reason);
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Progressing).Status);
        Assert.Equal(ConditionStatus.False, Condition(status, ConditionTypes.Degraded).Status);
        Assert.Equal(Nodes, status.Nodes!.Select(n => n.Node).Order());
        Assert.Equal(status.Nodes!.Sum(n => n.Events), status.Events);

        foreach (var node in status.Nodes!)
        {
            Assert.Equal(NodePhase.Succeeded, node.Phase);
            Assert.Null(node.Error);
            var path = CaptureFiles.PathOf(node.ArtifactUri!, node.Node);
            // <base>/<path>/<namespace>/<capture>/<node>-<start>.scap.gz
            Assert.StartsWith(Path.Join(cluster.OutputBase, "runs", "default", "whole", node.Node + "-"), path);
            Assert.EndsWith(".scap.gz", path);
            Assert.Equal(CaptureFiles.Checksum(path), node.Checksum);

            // The operator cannot read the node's disk: the agent read the file back and says so.
            Assert.True(node.Verified);
            Assert.Equal(VerifiedBy.Agent, node.VerifiedBy);
            Assert.InRange(node.VerifiedAt!.Value, status.StartTime!.Value, status.CompletionTime!.Value.AddSeconds(1));
            Assert.StartsWith($"read back from {path} by the agent on node {node.Node}: SHA-256 as stored, and the whole file reads as a .scap capture", node.Verification);

            // Exactly what the node's probe produced is in the file, by Inspect's reader and by sysdig's.
            var produced = Assert.Single(cluster.Agents[node.Node].Probes!.Opened).Emitted;
            Assert.True(produced > 0);
            Assert.Equal(produced, node.Events);
            Assert.Equal(produced, CaptureFiles.EventTypes(path).GetValueOrDefault((ushort)5));
            var sysdigLines = Sysdig.Read(path, "evt.type=close").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(produced, sysdigLines.Length);
        }

        // One session per node, never more.
        Assert.All(cluster.Agents.Values, a => Assert.Equal(1, a.Host.Captures.SessionsStarted));
    }

    [Fact]
    public async Task Invalid_spec_gets_a_condition_naming_the_problem_and_starts_nothing()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("broken");
        // Passes the CRD's schema, fails the operator's filter rule: the filter does not compile.
        capture.Spec.Filter = "proc.name = = nginx";
        await cluster.CreateAsync(capture);

        var failed = await cluster.WaitForAsync("broken", c => c.Status?.Phase == CapturePhase.Failed, "Failed");
        var ready = Condition(failed.Status!, ConditionTypes.Ready);
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal(CaptureReasons.InvalidSpec, ready.Reason);
        Assert.Contains("filter", ready.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CaptureReasons.InvalidSpec, Condition(failed.Status!, ConditionTypes.Degraded).Reason);
        Assert.Null(failed.Status!.StartTime);

        // Give the operator time to (wrongly) start something before looking.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.All(cluster.Agents.Values, a => Assert.Equal(0, a.Host.Captures.SessionsStarted));
    }

    [Fact]
    public async Task Deleting_a_running_capture_stops_the_agents_stores_what_they_recorded_and_removes_the_finalizer()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("long", duration: "10m"));
        await cluster.WaitForAsync("long", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing on every node");

        await cluster.DeleteAsync("long");
        await cluster.WaitForDeletionAsync("long");

        foreach (var agent in cluster.Agents.Values)
        {
            var session = Assert.Single(agent.Host.Captures.All());
            var (state, _) = session.Snapshot();
            Assert.Equal(global::Inspect.Agent.Protocol.V1.CapturePhase.Succeeded, state.Phase);
            Assert.Equal("Requested", state.StopReason);
            Assert.True(File.Exists(CaptureFiles.PathOf(state.ArtifactUri, agent.Node)));
        }
    }

    [Fact]
    public async Task Finished_capture_is_deleted_after_its_ttl()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("short-lived", duration: "1s");
        capture.Spec.TtlSecondsAfterFinished = 2;
        await cluster.CreateAsync(capture);

        var done = await cluster.WaitForAsync("short-lived", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        var completed = done.Status!.CompletionTime!.Value;
        await cluster.WaitForDeletionAsync("short-lived");
        Assert.True(DateTime.UtcNow - completed >= TimeSpan.FromSeconds(2), "deleted before its TTL passed");
    }

    private static Condition Condition(V1Alpha1CaptureStatus status, string type) =>
        Assert.Single(status.Conditions!, c => c.Type == type);
}
