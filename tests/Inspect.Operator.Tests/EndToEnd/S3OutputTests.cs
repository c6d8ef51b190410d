using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Storage.Tests;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// Captures into a real S3 API (s3rver on loopback) through the in-process agents: the objects, their summaries and
/// checksums, credentials from the Capture's Secret, storage going away mid-capture, and an agent killed mid-capture.
/// </summary>
public sealed class S3OutputTests
{
    private const string SecretName = "capture-storage";

    // The synthetic probe's events are close exits (type 5); everything it produced must be in the object.
    private const ushort CloseExit = 5;

    [Fact]
    public async Task A_capture_with_s3_output_lands_objects_and_summaries_and_succeeds_with_artifacts_and_summary()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        await CreateSecretAsync(cluster, "S3RVER", "S3RVER");
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(S3Capture("to-s3", s3, duration: "2s"));

        var done = await cluster.WaitForAsync("to-s3", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(40));
        var status = done.Status!;
        Assert.True(status.Phase == CapturePhase.Succeeded, Describe(status));
        var start = status.StartTime!.Value;
        long summaryEvents = 0;
        foreach (var node in status.Nodes!)
        {
            Assert.Equal(NodePhase.Succeeded, node.Phase);
            var key = S3Objects.KeyOf(node.ArtifactUri!);
            Assert.Equal($"runs/default/to-s3/{node.Node}-{start:yyyyMMdd'T'HHmmss'Z'}.scap.gz", key);
            var data = S3Objects.Read(s3, key);
            Assert.Equal(S3Objects.Checksum(data), node.Checksum);
            var produced = Assert.Single(cluster.Agents[node.Node].Probes!.Opened).Emitted;
            Assert.Equal(produced, node.Events);
            Assert.Equal(produced, S3Objects.EventCount(data, CloseExit));

            // The JSON summary beside the object describes the object and carries the analysis tables.
            var summary = S3Objects.Json(s3, key[..^".scap.gz".Length] + ".summary.json");
            Assert.Equal(node.ArtifactUri, (string?)summary["object"]);
            Assert.Equal(node.Checksum, "sha256:" + (string?)summary["sha256"]);
            Assert.Equal(0, (long)summary["lostBytes"]!);
            summaryEvents += (long)summary["capture"]!["events"]!;
            Assert.NotEmpty(summary["capture"]!["topProcessesBySyscalls"]!.AsArray());
        }

        // status.summary merges the nodes' tiles: the events the summary engine counted in each file.
        Assert.NotNull(status.Summary);
        Assert.Equal(summaryEvents, status.Summary.Events);
        Assert.True(status.Summary.Events >= status.Nodes!.Sum(n => n.Events), "every recorded event is counted");
        Assert.NotEmpty(status.Summary.TopProcesses!);
        Assert.True(status.Summary.DurationSeconds > 0.5, $"a 2 s capture spans {status.Summary.DurationSeconds} s");

        // Nothing is left in the agents' spools once stored.
        Assert.All(cluster.Agents.Values, a => Assert.Empty(Directory.GetFiles(a.SpoolDirectory, "*.scap")));
    }

    [Fact]
    public async Task A_missing_credentials_secret_fails_the_node_with_a_reason_naming_it()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(S3Capture("no-secret", s3, duration: "1s"));

        var done = await cluster.WaitForAsync("no-secret", c => c.Status?.Phase == CapturePhase.Failed, "Failed");
        var node = Assert.Single(done.Status!.Nodes!);
        Assert.Contains($"default/{SecretName} does not exist", node.Error, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Agents["node-a"].Host.Captures.SessionsStarted);
    }

    [Fact]
    public async Task Storage_down_mid_capture_and_back_completes_the_upload_with_nothing_lost()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await CreateSecretAsync(cluster, "S3RVER", "S3RVER");
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(S3Capture("outage", s3, duration: "4s"));
        await cluster.WaitForAsync("outage", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing");

        s3.Stop();
        // Recording ends while the store is down; the upload waits for it.
        await cluster.WaitForAsync("outage", c => c.Status?.Phase == CapturePhase.Uploading, "Uploading", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(CapturePhase.Uploading, (await cluster.GetAsync("outage"))!.Status!.Phase);
        s3.Start();

        var done = await cluster.WaitForAsync("outage", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(60));
        Assert.True(done.Status!.Phase == CapturePhase.Succeeded, Describe(done.Status));
        var node = Assert.Single(done.Status.Nodes!);
        Assert.Null(node.Error);
        var data = S3Objects.Read(s3, S3Objects.KeyOf(node.ArtifactUri!));
        Assert.Equal(S3Objects.Checksum(data), node.Checksum);
        var produced = Assert.Single(cluster.Agents["node-a"].Probes!.Opened).Emitted;
        Assert.Equal(produced, S3Objects.EventCount(data, CloseExit));
    }

    [Fact]
    public async Task Agent_killed_mid_capture_uploads_its_partial_recording_which_the_operator_finds_checks_and_reports()
    {
        using var s3 = S3rverServer.StartOrSkip();
        // The operator gives a silent agent this long before it looks for its file; the agent stores on its way down.
        await using var cluster = await OperatorCluster.StartAsync(
            new ControllerTimings
            {
                PollInterval = TimeSpan.FromMilliseconds(200),
                PendingRetry = TimeSpan.FromMilliseconds(500),
                AgentUnreachableAfter = TimeSpan.FromSeconds(6),
                StopGrace = TimeSpan.FromSeconds(10),
                AgentCallTimeout = TimeSpan.FromSeconds(5),
            },
            "node-a",
            "node-b");
        await CreateSecretAsync(cluster, "S3RVER", "S3RVER");
        await cluster.StartOperatorAsync();
        await cluster.CreateAsync(S3Capture("cut", s3, duration: "5s"));
        var running = await cluster.WaitForAsync("cut", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing on every node");

        await cluster.Agents["node-b"].KillAsync();
        var done = await cluster.WaitForAsync("cut", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(40));

        // On its way down the agent stopped recording and stored what it had: a shorter file, whole and readable,
        // which the operator found at the node's key, read back and checked against the checksum the upload recorded.
        var key = $"runs/default/cut/node-b-{running.Status!.StartTime:yyyyMMdd'T'HHmmss'Z'}.scap.gz";
        var data = S3Objects.Read(s3, key);
        var found = Assert.Single(done.Status!.Nodes!, n => n.Node == "node-b");
        Assert.True(found.Phase == NodePhase.Succeeded, Describe(done.Status));
        Assert.Equal($"s3://{S3rverServer.Bucket}/{key}", found.ArtifactUri);
        Assert.Equal(S3Objects.Checksum(data), found.Checksum);
        Assert.Contains("unreachable", found.Error, StringComparison.Ordinal);
        Assert.Contains("its file was found at", found.Error, StringComparison.Ordinal);
        Assert.Equal(CapturePhase.Succeeded, done.Status.Phase);
        var degraded = Assert.Single(done.Status.Conditions!, c => c.Type == ConditionTypes.Degraded);
        Assert.Equal((ConditionStatus.True, CaptureReasons.Incomplete), (degraded.Status, degraded.Reason));
        Assert.Contains("node-b", degraded.Message, StringComparison.Ordinal);

        var partial = S3Objects.EventCount(data, CloseExit);
        var produced = Assert.Single(cluster.Agents["node-b"].Probes!.Opened).Emitted;
        Assert.True(partial > 0);
        Assert.Equal(produced, partial);
        var whole = Assert.Single(done.Status.Nodes!, n => n.Node == "node-a").Events;
        Assert.True(partial < whole, $"node-b recorded {partial} events before it was killed, node-a {whole} in the full 5 s");
    }

    private static V1Alpha1Capture S3Capture(string name, S3rverServer s3, string duration)
    {
        var capture = OperatorCluster.WholeNodeCapture(name, duration);
        capture.Spec.Output = new CaptureOutput
        {
            S3 = new S3Output
            {
                Endpoint = s3.Url.ToString().TrimEnd('/'),
                Bucket = S3rverServer.Bucket,
                Prefix = "runs",
                CredentialsSecret = new S3CredentialsSecret { Name = SecretName },
            },
        };
        return capture;
    }

    private static Task<V1Secret> CreateSecretAsync(OperatorCluster cluster, string accessKey, string secretKey) =>
        cluster.CreateStorageSecretAsync("default", SecretName, accessKey, secretKey);

    private static string Describe(V1Alpha1CaptureStatus status) => k8s.KubernetesJson.Serialize(status);
}
