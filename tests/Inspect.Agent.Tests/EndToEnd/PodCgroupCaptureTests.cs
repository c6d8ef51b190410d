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
        hostWorkload.OpenAndWait();
        podWorkload.OpenAndWait();
        var result = recorder.Interrupt();

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("1 containers", result.Stderr, StringComparison.Ordinal);
        var rows = Sysdig.Read(Capture, "-p", "%container.id|%k8s.pod.id|%proc.pid|%proc.name|%fd.name")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(rows);

        // Every event belongs to the pod's container...
        var shortId = pod.ContainerId[..12];
        Assert.All(rows, row => Assert.StartsWith($"{shortId}|{pod.PodUid}|", row, StringComparison.Ordinal));

        // ...the workload inside is there, with its child...
        Assert.Contains(rows, row => row.EndsWith($"|{inside}", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Split('|')[3] == "echo");

        // ...and nothing of the identical workload outside the pod.
        Assert.DoesNotContain(rows, row => row.Contains(outside, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Split('|')[2] == hostWorkload.Pid.ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
