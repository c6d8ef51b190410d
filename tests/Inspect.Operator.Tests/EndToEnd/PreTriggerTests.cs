using System.IO.Compression;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Inspect.Agent.Protocol.V1;
using Inspect.Operator.Tests.Support;
using Inspect.Scap.Reading;
using Inspect.TestSupport;
using Inspect.Tls;
using AgentClient = Inspect.Agent.Protocol.V1.Agent.AgentClient;
using CapturePhase = Inspect.Crds.Capture.CapturePhase;
using CaptureTargets = Inspect.Crds.Capture.CaptureTargets;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// spec.preTrigger with the agent's flight recorder (synthetic probe): an armed ring keeps the pod's recent events, and
/// a Capture asking for history starts with the ring's window before its start, then continues live.
/// </summary>
public sealed class PreTriggerTests
{
    private const ushort CloseExit = 5;

    [Fact]
    public async Task A_capture_with_pre_trigger_starts_with_the_rings_window_and_continues_live()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        var pod = await cluster.AddPodAsync("default", "web-0", "node-a", "7c3e9a1b2d4f");
        var token = TestContext.Current.CancellationToken;
        using var channel = Channel(cluster.Agents["node-a"].Host.GrpcAddress);
        var agent = new AgentClient(channel);
        var arm = new ArmRequest { RingId = "inspect/shells", Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) };
        arm.CgroupHints.Add("pod" + pod.Metadata.Uid);
        Assert.True((await agent.ArmAsync(arm, cancellationToken: token)).Armed);
        // Arming twice is idempotent.
        Assert.True((await agent.ArmAsync(arm, cancellationToken: token)).Armed);
        Assert.Single(cluster.Agents["node-a"].Probes!.Opened);
        await Task.Delay(TimeSpan.FromSeconds(3), token);

        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("before-and-after", duration: "1s");
        capture.Spec.Targets = new CaptureTargets { PodNames = ["web-0"] };
        capture.Spec.PreTrigger = "2s";
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("before-and-after", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded", TimeSpan.FromSeconds(30));

        var node = Assert.Single(done.Status!.Nodes!);
        var start = (ulong)(new DateTimeOffset(DateTime.SpecifyKind(done.Status.StartTime!.Value, DateTimeKind.Utc)) - DateTimeOffset.UnixEpoch).Ticks * 100;
        var path = CaptureFiles.PathOf(node.ArtifactUri!, "node-a");
        var times = CloseExitTimes(path);
        Assert.Equal(node.Events, times.Count);

        // sysdig reads the joined file, history and live alike.
        Assert.Equal(times.Count, Sysdig.Read(path, "evt.type=close").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // History: back to the start minus preTrigger, and not further.
        const ulong Second = 1_000_000_000;
        Assert.True(times[0] >= start - (2 * Second), $"the first event is {(start - times[0]) / 1e9:0.000} s before the start, more than preTrigger");
        Assert.True(times[0] < start - (3 * Second / 2), $"the first event is only {((long)start - (long)times[0]) / 1e9:0.000} s before the start");

        // Then live, in order, nothing twice, and no hole at the seam: timestamps never go back, and the events of
        // the moment the ring was asked for its history are there (the live probe was attached by then).
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] >= times[i - 1], $"event {i} goes back in time");
            Assert.True(times[i] - times[i - 1] < 3 * Second / 2, $"a gap of {(times[i] - times[i - 1]) / 1e9:0.000} s at event {i}");
        }

        Assert.True(times[^1] > start + (Second / 2), "the capture continued live after its start");
        Assert.Equal(2, cluster.Agents["node-a"].Probes!.Opened.Count);

        Assert.False((await agent.DisarmAsync(new DisarmRequest { RingId = "inspect/shells" }, cancellationToken: token)).Armed);
    }

    [Fact]
    public async Task When_two_rings_cover_the_pod_the_one_with_the_longer_window_serves_the_capture()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        var pod = await cluster.AddPodAsync("default", "web-0", "node-a", "7c3e9a1b2d4f");
        var token = TestContext.Current.CancellationToken;
        using var channel = Channel(cluster.Agents["node-a"].Host.GrpcAddress);
        var agent = new AgentClient(channel);
        foreach (var (id, seconds) in new[] { ("short", 2), ("long", 8) })
        {
            var arm = new ArmRequest { RingId = id, Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) };
            arm.CgroupHints.Add("pod" + pod.Metadata.Uid);
            Assert.True((await agent.ArmAsync(arm, cancellationToken: token)).Armed);
        }

        await Task.Delay(TimeSpan.FromSeconds(5), token);
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("longest", duration: "1s");
        capture.Spec.Targets = new CaptureTargets { PodNames = ["web-0"] };
        capture.Spec.PreTrigger = "4s";
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("longest", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded", TimeSpan.FromSeconds(30));

        // The short ring holds only the 2 s before the capture asked (at or after its start); the long one reaches back
        // the whole preTrigger.
        var node = Assert.Single(done.Status!.Nodes!);
        var start = (ulong)(new DateTimeOffset(DateTime.SpecifyKind(done.Status.StartTime!.Value, DateTimeKind.Utc)) - DateTimeOffset.UnixEpoch).Ticks * 100;
        var first = CloseExitTimes(CaptureFiles.PathOf(node.ArtifactUri!, "node-a"))[0];
        Assert.True(first < start - 3_000_000_000UL, $"the history reaches only {((long)start - (long)first) / 1e9:0.000} s before the start");
    }

    [Fact]
    public async Task Arming_a_ring_for_targets_that_are_not_on_the_node_is_refused()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        using var channel = Channel(cluster.Agents["node-a"].Host.GrpcAddress);
        var arm = new ArmRequest { RingId = "x", Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) };
        arm.CgroupHints.Add("pod00000000-0000-0000-0000-000000000000");
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new AgentClient(channel).ArmAsync(arm, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("no cgroup", error.Status.Detail, StringComparison.Ordinal);
    }

    private static List<ulong> CloseExitTimes(string gzipPath)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress);
        using var reader = new ScapReader(gzip);
        var times = new List<ulong>();
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event && reader.Event.Type == CloseExit)
            {
                times.Add(reader.Event.Timestamp);
            }
        }

        return times;
    }

    internal static GrpcChannel Channel(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { TestCertificates.Instance.Operator },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && CertificateAuthorityCheck.IsIssuedBy(presented, TestCertificates.Instance.Authority, out _),
            },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
