using Inspect.Crds.Capture;
using Inspect.Operator.Agents;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Kubernetes;
using Inspect.Operator.Tests.Support;
using Inspect.Storage.Tests;
using Inspect.Storage.Upload;
using Minio.DataModel.Args;

namespace Inspect.Operator.Tests.Unit;

/// <summary>What the operator concludes about a node whose agent went away, from what lies in a real S3 API (s3rver).</summary>
public sealed class LostAgentArtifactsTests
{
    private const string Lost = "agent pod inspect-agent-node-b on node node-b unreachable (for 60s)";

    [Fact]
    public async Task A_stored_file_whose_checksum_matches_turns_the_node_Succeeded_with_a_note()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var key = "runs/default/cut/node-b-20260101T000000Z.scap.gz";
        var uploaded = await UploadAsync(s3, key);

        var checkedNode = await Check(s3).CheckAsync(FailedNode(), Request(s3, key), TestContext.Current.CancellationToken);

        Assert.Equal(NodePhase.Succeeded, checkedNode.Phase);
        Assert.Equal($"s3://{S3rverServer.Bucket}/{key}", checkedNode.ArtifactUri);
        Assert.Equal("sha256:" + uploaded.Sha256, checkedNode.Checksum);
        Assert.Equal(S3Objects.Checksum(S3Objects.Read(s3, key)), checkedNode.Checksum);
        Assert.Equal(uploaded.CaptureBytes, checkedNode.Bytes);
        Assert.StartsWith(Lost + "; its file was found at s3://", checkedNode.Error);
        Assert.Contains("holds what was recorded until the agent went away", checkedNode.Error);
        Assert.True(checkedNode.Verified);
        Assert.Equal(VerifiedBy.Operator, checkedNode.VerifiedBy);
        Assert.NotNull(checkedNode.VerifiedAt);
        Assert.Equal($"read back from s3://{S3rverServer.Bucket}/{key} by the operator ({S3Objects.Read(s3, key).Length} bytes): SHA-256 as recorded at upload", checkedNode.Verification);
    }

    [Fact]
    public async Task A_file_changed_after_upload_a_file_without_checksum_and_no_file_leave_the_node_Failed_saying_why()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var tampered = "runs/default/cut/tampered.scap.gz";
        await UploadAsync(s3, tampered);
        var bytes = S3Objects.Read(s3, tampered);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(S3Objects.PathOf(s3, tampered), bytes, TestContext.Current.CancellationToken);
        var unchecked_ = "runs/default/cut/unchecked.scap.gz";
        using (var minio = s3.Endpoint.CreateMinioClient(new HttpClient()))
        using (var body = new MemoryStream([1, 2, 3]))
        {
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(S3rverServer.Bucket).WithObject(unchecked_).WithStreamData(body).WithObjectSize(3), TestContext.Current.CancellationToken);
        }

        var check = Check(s3);
        var changed = await check.CheckAsync(FailedNode(), Request(s3, tampered), TestContext.Current.CancellationToken);
        var noChecksum = await check.CheckAsync(FailedNode(), Request(s3, unchecked_), TestContext.Current.CancellationToken);
        var missing = await check.CheckAsync(FailedNode(), Request(s3, "runs/default/cut/none.scap.gz"), TestContext.Current.CancellationToken);

        Assert.All([changed, noChecksum, missing], n => Assert.Equal(NodePhase.Failed, n.Phase));
        Assert.All([changed, noChecksum, missing], n => Assert.Null(n.ArtifactUri));
        Assert.Contains($"s3://captures/{tampered} does not match the checksum recorded at upload (read {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}", changed.Error);
        Assert.Equal($"{Lost}; s3://captures/{unchecked_} exists (3 bytes) but its upload never recorded a checksum, so it cannot be trusted", noChecksum.Error);
        Assert.Equal($"{Lost}; nothing was stored at s3://captures/runs/default/cut/none.scap.gz", missing.Error);

        // Read back and found different: said so, and by whom; nothing read back: nothing claimed.
        Assert.False(changed.Verified);
        Assert.Equal(VerifiedBy.Operator, changed.VerifiedBy);
        Assert.StartsWith($"read back from s3://captures/{tampered} by the operator: SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}, not ", changed.Verification);
        Assert.All([noChecksum, missing], n => Assert.Null(n.Verified));

        // Storage down: said so, and the node stays failed.
        s3.Stop();
        var down = await check.CheckAsync(FailedNode(), Request(s3, tampered), TestContext.Current.CancellationToken);
        Assert.Equal(NodePhase.Failed, down.Phase);
        Assert.StartsWith($"{Lost}; s3://captures/{tampered} could not be checked: ", down.Error);
    }

    [Fact]
    public async Task A_node_directory_output_is_left_as_it_was()
    {
        var node = FailedNode();
        var request = Request(null, "x") with
        {
            Output = new NodeDirectoryLocation { Directory = "runs", ArtifactPath = "runs/x.scap.gz", SummaryPath = "runs/x.summary.json", ArtifactKey = "x", SummaryKey = "y" },
        };

        var result = await Check(null).CheckAsync(node, request, TestContext.Current.CancellationToken);

        Assert.Same(node, result);
    }

    private static LostAgentArtifacts Check(S3rverServer? s3) =>
        new(new StorageSecretReader(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" })),
            name => name switch { "AWS_ACCESS_KEY_ID" or "AWS_SECRET_ACCESS_KEY" when s3 is not null => "S3RVER", _ => null });

    private static CaptureNodeStatus FailedNode() => new() { Node = "node-b", Phase = NodePhase.Failed, Events = 42, Bytes = 4096, Error = Lost };

    private static async Task<UploadResult> UploadAsync(S3rverServer s3, string key)
    {
        using var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, new UploadOptions { SpoolDirectory = Path.Join(s3.Directory, "..", "spool-" + Guid.NewGuid().ToString("N")) });
        upload.Write(System.Text.Encoding.UTF8.GetBytes(new string('x', 10_000)));
        var result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
        Assert.True(result.Complete, result.Error);
        return result;
    }

    private static NodeCaptureRequest Request(S3rverServer? s3, string key) => new()
    {
        CaptureId = "default/cut/uid-1",
        CaptureNamespace = "default",
        CaptureName = "cut",
        NodeName = "node-b",
        TargetKind = TargetKind.NodeSelector,
        Pods = [],
        CgroupHints = [],
        Limits = new CaptureLimits(TimeSpan.FromSeconds(5), null, null, TimeSpan.Zero),
        Snaplen = 80,
        StartedAt = DateTimeOffset.UnixEpoch,
        Output = new S3Location
        {
            Endpoint = s3?.Url.ToString().TrimEnd('/'),
            Bucket = S3rverServer.Bucket,
            ObjectKey = key,
            SummaryObjectKey = key + ".summary.json",
            ArtifactKey = key,
            SummaryKey = key + ".summary.json",
        },
    };
}
