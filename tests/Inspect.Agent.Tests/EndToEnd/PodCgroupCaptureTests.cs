using System.Globalization;
using Inspect.Agent.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// A workload inside a cgroup laid out like a Kubernetes pod's container, recorded with <c>inspect record --cgroup</c>
/// on the pod's cgroup (root only): sysdig 0.29.3 attributes every event to the container (id = first 12 hex
/// characters, pod uid from the container event's labels), and nothing from outside the pod is in the file.
/// </summary>
public sealed class PodCgroupCaptureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-pod-").FullName;

    private string Capture => Path.Join(_dir, "pod.scap");

    [Fact]
    public void Pod_capture_shows_the_container_and_nothing_from_outside()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        using var pod = KubernetesPodCgroup.Create();
        var inside = Path.Join(_dir, "inside.txt");
        var outside = Path.Join(_dir, "outside.txt");
        using var podWorkload = GatedProcess.Start($"read go; echo inside > {inside}; cat {inside}; /bin/echo pod-child");
        using var hostWorkload = GatedProcess.Start($"read go; echo outside > {outside}; cat {outside}; /bin/echo host-child");
        pod.Add(podWorkload.Pid);

        using var recorder = InspectRecorder.Start("-o", Capture, "--cgroup", pod.PodDirectory, "--duration", "60s");

        // A second container that appears once the capture runs: its metadata must be written before its first fork.
        var lateContainer = pod.NewContainer();
        using var lateWorkload = GatedProcess.Start("read go; /bin/echo late-child");
        pod.Add(lateWorkload.Pid, lateContainer);

        hostWorkload.OpenAndWait();
        podWorkload.OpenAndWait();
        lateWorkload.OpenAndWait();
        var result = recorder.Interrupt();

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("2 containers", result.Stderr, StringComparison.Ordinal);
        var rows = Sysdig.Read(Capture, "-p", "%container.id|%k8s.pod.id|%proc.pid|%proc.name|%fd.name")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(rows);

        // Every event belongs to one of the pod's containers, the first workload's to the first container...
        var shortId = pod.ContainerId[..12];
        var lateId = lateContainer[..12];
        Assert.All(rows, row => Assert.True(row.StartsWith($"{shortId}|{pod.PodUid}|", StringComparison.Ordinal) || row.StartsWith($"{lateId}|{pod.PodUid}|", StringComparison.Ordinal), row));
        Assert.All(rows.Where(row => row.Split('|')[2] == podWorkload.Pid.ToString(CultureInfo.InvariantCulture)), row => Assert.StartsWith(shortId, row, StringComparison.Ordinal));

        // ...the late container's child runs in the late container, which sysdig knows (type cri) only from the
        // container event written before it...
        Assert.Contains(
            $"{lateId}|cri|{pod.PodUid}|echo|late-child",
            Sysdig.Read(Capture, "-p", "%container.id|%container.type|%k8s.pod.id|%proc.name|%proc.args", "evt.type=execve and evt.dir=< and evt.res=SUCCESS").Split('\n'));

        // ...the workload inside is there, with its child...
        Assert.Contains(rows, row => row.EndsWith($"|{inside}", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Split('|')[3] == "echo");

        // ...and nothing of the identical workload outside the pod.
        Assert.DoesNotContain(rows, row => row.Contains(outside, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Split('|')[2] == hostWorkload.Pid.ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
