using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Storage.Tests;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// A pod matching a running Capture's selector appears on a node that had no targeted pod when the capture started:
/// that node joins the capture, records for what is left of the duration, and its file lands beside the first node's.
/// </summary>
public sealed class LateNodeTests
{
    private const ushort CloseExit = 5;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task A_matching_pod_created_on_another_node_mid_capture_starts_that_node_for_the_remaining_time()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        await cluster.CreateStorageSecretAsync("default", "storage");
        await cluster.StartOperatorAsync();
        await cluster.AddPodAsync("default", "api-0", "node-a", "1a2b3c4d5e6f", new Dictionary<string, string> { ["app"] = "api" });
        var capture = OperatorCluster.WholeNodeCapture("spreads", duration: $"{Duration.TotalSeconds}s");
        capture.Spec.Targets = new CaptureTargets { PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } } };
        capture.Spec.Output = new CaptureOutput
        {
            S3 = new S3Output { Endpoint = s3.Url.ToString().TrimEnd('/'), Bucket = S3rverServer.Bucket, Prefix = "runs", CredentialsSecret = new S3CredentialsSecret { Name = "storage" } },
        };
        await cluster.CreateAsync(capture);
        var running = await cluster.WaitForAsync("spreads", c => c.Status?.Nodes is [{ Phase: NodePhase.Capturing }], "capturing on node-a alone");
        Assert.Equal("node-a", running.Status!.Nodes![0].Node);
        Assert.Null(running.Status.Nodes[0].JoinedAt);
        Assert.Equal(0, cluster.Agents["node-b"].Host.Captures.SessionsStarted);

        // A second replica is scheduled on node-b, which had nothing to record until now.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var late = await cluster.AddPodAsync("default", "api-1", "node-b", "7a8b9c0d1e2f", new Dictionary<string, string> { ["app"] = "api" });
        var joined = await cluster.WaitForAsync("spreads", c => c.Status?.Nodes?.Count == 2, "joined by node-b");
        var nodeB = Assert.Single(joined.Status!.Nodes!, n => n.Node == "node-b");
        Assert.NotNull(nodeB.JoinedAt);
        Assert.Equal(2, joined.Status.NodeCount);

        var done = await cluster.WaitForAsync("spreads", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(40));
        var status = done.Status!;
        Assert.True(status.Phase == CapturePhase.Succeeded, k8s.KubernetesJson.Serialize(status));
        Assert.Equal(["node-a", "node-b"], status.Nodes!.Select(n => n.Node).Order());

        // node-b's agent recorded the late pod's cgroup, once, for what was left of the duration.
        var agentB = cluster.Agents["node-b"];
        Assert.Equal(1, agentB.Host.Captures.SessionsStarted);
        var probeB = Assert.Single(agentB.Probes!.Opened);
        lock (probeB.Targets)
        {
            Assert.Equal([$"cgroup {Path.Join(cluster.CgroupRoot("node-b"), "kubepods", "burstable", "pod" + late.Metadata.Uid)}"], probeB.Targets);
        }

        var requested = Assert.Single(agentB.Host.Captures.All()).Request.Limits.Duration.ToTimeSpan();
        var left = status.StartTime!.Value + Duration - status.Nodes!.Single(n => n.Node == "node-b").JoinedAt!.Value;
        Assert.True(requested < Duration - TimeSpan.FromSeconds(1), $"node-b was asked for {requested}, not the full {Duration}");
        Assert.InRange(requested, left - TimeSpan.FromSeconds(1.5), left + TimeSpan.FromSeconds(1.5));

        // Both files are in the bucket under their own keys, and status adds both nodes up.
        long summaryEvents = 0;
        foreach (var node in status.Nodes!)
        {
            Assert.Equal(NodePhase.Succeeded, node.Phase);
            var key = S3Objects.KeyOf(node.ArtifactUri!);
            Assert.Equal($"runs/default/spreads/{node.Node}-{status.StartTime:yyyyMMdd'T'HHmmss'Z'}.scap.gz", key);
            var data = S3Objects.Read(s3, key);
            Assert.Equal(S3Objects.Checksum(data), node.Checksum);
            var produced = Assert.Single(cluster.Agents[node.Node].Probes!.Opened).Emitted;
            Assert.Equal(produced, node.Events);
            Assert.Equal(produced, S3Objects.EventCount(data, CloseExit));
            summaryEvents += (long)S3Objects.Json(s3, key[..^".scap.gz".Length] + ".summary.json")["capture"]!["events"]!;
        }

        Assert.Equal(status.Nodes!.Sum(n => n.Events), status.Events);
        Assert.Equal(summaryEvents, status.Summary!.Events);
        Assert.Equal(ConditionStatus.False, Assert.Single(status.Conditions!, c => c.Type == ConditionTypes.Degraded).Status);
    }
}
