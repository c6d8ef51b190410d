using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// Node-directory outputs, which the operator cannot read: the agent reads each file back and says so in status, and
/// an agent restarted before the operator saw the capture finish reads the files it finds again and reports what it
/// found, so status converges on what is really on the node.
/// </summary>
public sealed class NodeDirectoryVerificationTests
{
    [Fact]
    public async Task Files_found_by_restarted_agents_are_read_back_again_and_status_converges_on_what_is_on_disk()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        var first = await cluster.StartOperatorAsync("operator-1");
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("kept", duration: "2s"));
        await cluster.WaitForAsync("kept", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing on every node");

        // The operator goes away; the agents finish and store their files, then restart before anyone asked.
        await cluster.StopOperatorAsync(first);
        var stored = new Dictionary<string, Agent.Protocol.V1.CaptureStatus>(StringComparer.Ordinal);
        foreach (var agent in cluster.Agents.Values.ToList())
        {
            var capture = Assert.Single(agent.Host.Captures.All());
            await capture.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            stored[agent.Node] = capture.Snapshot().Status;
            Assert.Equal(Agent.Protocol.V1.CapturePhase.Succeeded, stored[agent.Node].Phase);
            Assert.True(stored[agent.Node].Verification.Verified, stored[agent.Node].Verification.Detail);
            await agent.KillAsync();
        }

        // Meanwhile node-b's file is damaged on disk.
        var damaged = CaptureFiles.PathOf(stored["node-b"].ArtifactUri, "node-b");
        var bytes = await File.ReadAllBytesAsync(damaged, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(damaged, bytes, TestContext.Current.CancellationToken);
        var restarted = new[] { await cluster.StartAgentAsync("node-a"), await cluster.StartAgentAsync("node-b") };
        await cluster.StartOperatorAsync("operator-2");

        var done = await cluster.WaitForAsync("kept", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(40));
        var status = done.Status!;
        Assert.True(status.Phase == CapturePhase.PartiallySucceeded, k8s.KubernetesJson.Serialize(status));
        Assert.All(restarted, a => Assert.Equal(0, a.Host.Captures.SessionsStarted));

        // node-a: read back again by the new agent process, after the first one's check.
        var good = Assert.Single(status.Nodes!, n => n.Node == "node-a");
        var path = CaptureFiles.PathOf(good.ArtifactUri!, "node-a");
        Assert.Equal(NodePhase.Succeeded, good.Phase);
        Assert.Equal(CaptureFiles.Checksum(path), good.Checksum);
        Assert.True(good.Verified);
        Assert.Equal(VerifiedBy.Agent, good.VerifiedBy);
        var recheck = Assert.Single(restarted[0].Host.Captures.All()).Snapshot().Status.Verification;
        Assert.True(recheck.VerifiedAt.ToDateTime() > stored["node-a"].Verification.VerifiedAt.ToDateTime(), "the new agent process read the file again");
        Assert.Equal(recheck.VerifiedAt.ToDateTime(), good.VerifiedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.StartsWith($"read back from {path} by the agent on node node-a", good.Verification);
        Assert.Equal(stored["node-a"].Events, good.Events);
        Assert.Null(good.Error);

        // Its headline tiles, computed from the file as read back, are status.summary (the only node that stored).
        var summaryJson = JsonNode.Parse(await File.ReadAllTextAsync(path[..^".scap.gz".Length] + ".summary.json", TestContext.Current.CancellationToken))!;
        Assert.Equal((long)summaryJson["events"]!, status.Summary!.Events);

        // node-b: the file no longer matches what was stored, and status says so, by whom, and what was found.
        var bad = Assert.Single(status.Nodes!, n => n.Node == "node-b");
        Assert.Equal(NodePhase.Failed, bad.Phase);
        Assert.False(bad.Verified);
        Assert.Equal(VerifiedBy.Agent, bad.VerifiedBy);
        Assert.Contains($"{damaged} on node node-b reads back with {CaptureFiles.Checksum(damaged)}, not {stored["node-b"].Checksum} as stored", bad.Verification);
        Assert.StartsWith("the file stored for this capture no longer checks out", bad.Error);
    }
}
