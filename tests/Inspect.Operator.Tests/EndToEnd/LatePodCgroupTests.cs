using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Tests.Support;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// A targeted pod whose cgroup does not exist yet when the capture starts on its node (its containers were still
/// being created) is added to the probe's targets as soon as the cgroup appears, while the capture records.
/// </summary>
public sealed class LatePodCgroupTests
{
    [Fact]
    public async Task A_pod_cgroup_that_appears_mid_capture_is_added_to_the_probe_targets()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        var early = await cluster.AddPodAsync("default", "web-0", "node-a", "0a1b2c3d4e5f", new Dictionary<string, string> { ["app"] = "web" });
        var late = await cluster.AddPodAsync("default", "web-1", "node-a", "6a7b8c9d0e1f", new Dictionary<string, string> { ["app"] = "web" });
        var lateCgroup = Path.Join(cluster.CgroupRoot("node-a"), "kubepods", "burstable", "pod" + late.Metadata.Uid);
        Directory.Delete(lateCgroup, recursive: true);

        var capture = OperatorCluster.WholeNodeCapture("late", duration: "6s");
        capture.Spec.Targets = new CaptureTargets { PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } };
        await cluster.CreateAsync(capture);
        await cluster.WaitForAsync("late", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing");
        var probe = Assert.Single(cluster.Agents["node-a"].Probes!.Opened);
        var earlyCgroup = Path.Join(cluster.CgroupRoot("node-a"), "kubepods", "burstable", "pod" + early.Metadata.Uid);
        Assert.Equal([$"cgroup {earlyCgroup}"], Targets(probe));

        // The late pod's containers start: kubelet creates its cgroup and a container below it.
        Directory.CreateDirectory(Path.Join(lateCgroup, "6a7b8c9d0e1f"));
        var deadline = DateTime.UtcNow.AddSeconds(4);
        while (Targets(probe).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal([$"cgroup {earlyCgroup}", $"cgroup {lateCgroup}"], Targets(probe));
        var done = await cluster.WaitForAsync("late", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        Assert.Equal(NodePhase.Succeeded, Assert.Single(done.Status!.Nodes!).Phase);

        // Added once, not again at every look.
        Assert.Equal(2, Targets(probe).Count);
    }

    [Fact]
    public async Task A_pod_created_mid_capture_that_matches_the_selector_joins_the_capture_on_its_node()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        var first = await cluster.AddPodAsync("default", "api-0", "node-a", "1a2b3c4d5e6f", new Dictionary<string, string> { ["app"] = "api" });
        var capture = OperatorCluster.WholeNodeCapture("grows", duration: "8s");
        capture.Spec.Targets = new CaptureTargets { PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } } };
        await cluster.CreateAsync(capture);
        await cluster.WaitForAsync("grows", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing");
        var probe = Assert.Single(cluster.Agents["node-a"].Probes!.Opened);
        var podCgroup = (string uid) => $"cgroup {Path.Join(cluster.CgroupRoot("node-a"), "kubepods", "burstable", "pod" + uid)}";
        Assert.Equal([podCgroup(first.Metadata.Uid)], Targets(probe));

        // A second replica and an unrelated pod start on the node while it records.
        var second = await cluster.AddPodAsync("default", "api-1", "node-a", "7a8b9c0d1e2f", new Dictionary<string, string> { ["app"] = "api" });
        var other = await cluster.AddPodAsync("default", "db-0", "node-a", "3c4d5e6f7a8b", new Dictionary<string, string> { ["app"] = "db" });
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Targets(probe).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal([podCgroup(first.Metadata.Uid), podCgroup(second.Metadata.Uid)], Targets(probe));
        Assert.DoesNotContain(podCgroup(other.Metadata.Uid), Targets(probe));
        var done = await cluster.WaitForAsync("grows", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        Assert.Equal(1, cluster.Agents["node-a"].Host.Captures.SessionsStarted);
        Assert.Equal(2, Targets(probe).Count);
        Assert.Equal(NodePhase.Succeeded, Assert.Single(done.Status!.Nodes!).Phase);
    }

    private static List<string> Targets(SyntheticProbe probe)
    {
        lock (probe.Targets)
        {
            return [.. probe.Targets];
        }
    }
}
