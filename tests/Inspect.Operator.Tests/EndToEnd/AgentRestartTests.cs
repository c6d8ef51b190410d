using Inspect.Agent.Host.Captures;
using Inspect.Agent.Host.Storage;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Storage.Tests;
using Inspect.Storage.Upload;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// An agent killed while storage is down, its recording left in the spool, and a new agent process started on the
/// same node: the new process sends the recording on start, once storage is back, and the Capture succeeds with it.
/// </summary>
public sealed class AgentRestartTests
{
    private const ushort CloseExit = 5;

    [Fact]
    public async Task A_restarted_agent_stores_the_recording_the_killed_one_left_once_storage_is_back()
    {
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync(
            new ControllerTimings
            {
                PollInterval = TimeSpan.FromMilliseconds(200),
                PendingRetry = TimeSpan.FromMilliseconds(500),
                // Long enough for the agent to come back, as a restarted pod does within the default minute.
                AgentUnreachableAfter = TimeSpan.FromSeconds(60),
                StopGrace = TimeSpan.FromSeconds(10),
                AgentCallTimeout = TimeSpan.FromSeconds(5),
            },
            "node-a");

        // Uploads that give up after 2 s: the killed agent lives on inside this test process (a killed process
        // would not), and must be done with the file before the new one starts.
        var spool = Path.Join(cluster.Root, "spool-node-a");
        void QuickUploads(IServiceCollection services) => services.AddSingleton(new S3StoreSettings(
            Path.Join(spool, "uploads"),
            new UploadOptions { CompletionTimeout = TimeSpan.FromSeconds(2), Retry = new RetryPolicy { Max = TimeSpan.FromSeconds(1) } },
            _ => null));
        await cluster.Agents["node-a"].DisposeAsync();
        var first = await cluster.StartAgentAsync("node-a", configure: QuickUploads);
        await cluster.CreateStorageSecretAsync("default", "storage");
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("restart", duration: "3s");
        capture.Spec.Output = new CaptureOutput
        {
            S3 = new S3Output { Endpoint = s3.Url.ToString().TrimEnd('/'), Bucket = S3rverServer.Bucket, Prefix = "runs", CredentialsSecret = new S3CredentialsSecret { Name = "storage" } },
        };
        await cluster.CreateAsync(capture);
        var running = await cluster.WaitForAsync("restart", c => c.Status?.Nodes?.All(n => n.Phase == NodePhase.Capturing) == true, "capturing");

        var left = Assert.Single(first.Host.Captures.All());
        s3.Stop();
        await first.KillAsync();
        await left.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(Agent.Protocol.V1.CapturePhase.Failed, left.Snapshot().Status.Phase);
        Assert.True(File.Exists(left.SpoolPath), "the killed agent left its recording in the spool");
        Assert.True(File.Exists(PendingCaptureFile.PathFor(left.SpoolPath)), "and the request it was recorded for");
        var produced = Assert.Single(first.Probes!.Opened).Emitted;

        // The new process takes the capture over while storage is still down: the operator sees it uploading.
        var second = await cluster.StartAgentAsync("node-a", configure: QuickUploads);
        await cluster.WaitForAsync("restart", c => c.Status?.Phase == CapturePhase.Uploading && c.Status.Nodes![0].Phase == NodePhase.Uploading, "Uploading through the new agent");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(NodePhase.Uploading, (await cluster.GetAsync("restart"))!.Status!.Nodes![0].Phase);

        s3.Start();
        var done = await cluster.WaitForAsync("restart", c => StatusRollup.IsFinished(c.Status?.Phase), "finished", TimeSpan.FromSeconds(60));
        Assert.True(done.Status!.Phase == CapturePhase.Succeeded, k8s.KubernetesJson.Serialize(done.Status));
        var node = Assert.Single(done.Status.Nodes!);
        var key = $"runs/default/restart/node-a-{running.Status!.StartTime:yyyyMMdd'T'HHmmss'Z'}.scap.gz";
        Assert.Equal($"s3://{S3rverServer.Bucket}/{key}", node.ArtifactUri);
        var data = S3Objects.Read(s3, key);
        Assert.Equal(S3Objects.Checksum(data), node.Checksum);
        Assert.Equal(produced, S3Objects.EventCount(data, CloseExit));
        Assert.StartsWith("recovered after the agent restarted", node.Error, StringComparison.Ordinal);
        Assert.Equal(CaptureReasons.Incomplete, Assert.Single(done.Status.Conditions!, c => c.Type == ConditionTypes.Degraded).Reason);

        // The summary beside it was written from the recovered file, and its headline tiles are status.summary's, as
        // any node's are; nothing is left on the node, nothing recorded twice.
        var summary = S3Objects.Json(s3, key[..^".scap.gz".Length] + ".summary.json");
        Assert.Equal(node.ArtifactUri, (string?)summary["object"]);
        Assert.NotNull(done.Status.Summary);
        Assert.Equal((long)summary["capture"]!["events"]!, done.Status.Summary.Events);
        Assert.True(done.Status.Summary.Events >= produced, $"the summary counts {done.Status.Summary.Events} events of the {produced} recorded");
        Assert.Equal((string?)summary["capture"]!["topProcessesBySyscalls"]![0]!["name"], done.Status.Summary.TopProcesses![0].Name.Split(' ')[0]);
        Assert.False(File.Exists(left.SpoolPath));
        Assert.False(File.Exists(PendingCaptureFile.PathFor(left.SpoolPath)));
        Assert.False(Directory.Exists(Path.Join(spool, "uploads", Path.GetFileNameWithoutExtension(left.SpoolPath))));
        Assert.Equal(0, second.Host.Captures.SessionsStarted);
    }
}
