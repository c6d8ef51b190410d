using Inspect.Agent.Capture;
using Inspect.Agent.Containers;
using Inspect.Agent.Probe;
using Inspect.Agent.Snapshot;
using Inspect.Agent.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// The real probe (root, BTF): a pod cgroup handed to a running capture through <see cref="CaptureOptions.NewCgroups"/>
/// is recorded from then on, and what ran in it before was not.
/// </summary>
public sealed class LateCgroupTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-late-cgroup-").FullName;

    [Fact]
    public async Task A_cgroup_added_while_recording_is_recorded_from_then_on()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        using var first = KubernetesPodCgroup.Create();
        using var late = KubernetesPodCgroup.Create();
        var capture = Path.Join(_dir, "late.scap");
        var offered = 0;
        var options = new CaptureOptions
        {
            Target = CaptureTarget.Cgroups([first.PodDirectory]),
            ProgressInterval = TimeSpan.FromMilliseconds(100),
            Redaction = null,
            NewCgroups = () => Interlocked.Exchange(ref offered, 2) == 1 ? [late.PodDirectory] : [],
        };
        using var stop = new CancellationTokenSource();
        var recording = new ManualResetEventSlim();
        var clock = TimeProvider.System;
        using var probe = new NativeProbeFactory().Open(new ProbeOptions());
        var session = new CaptureSession(probe, new ProcSnapshotSource(clock), new CgroupLayoutPodMetadataSource(), clock) { Recording = recording.Set };
        var run = Task.Run(() =>
        {
            using var sink = ScapFileSink.Create(capture);
            return session.Run(sink, options, stop.Token);
        }, TestContext.Current.CancellationToken);
        Assert.True(recording.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the capture did not start");

        using (var before = GatedProcess.Start("read go; /bin/echo late-before"))
        {
            late.Add(before.Pid);
            before.OpenAndWait();
        }

        // Offered at the next progress tick (every 100 ms); give it a few.
        Interlocked.Exchange(ref offered, 1);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref offered) != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, Volatile.Read(ref offered));
        using (var after = GatedProcess.Start("read go; /bin/echo late-after"))
        {
            late.Add(after.Pid);
            after.OpenAndWait();
        }

        stop.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var commands = Sysdig.Read(capture, "-p", "%proc.cmdline", "evt.type=execve and evt.dir=<");
        Assert.Contains("echo late-after", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("echo late-before", commands, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
