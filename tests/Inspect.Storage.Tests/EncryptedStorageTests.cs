using System.Collections.Concurrent;
using System.Security.Cryptography;
using Inspect.Storage.Download;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Storage.Upload;
using Inspect.TestSupport;

namespace Inspect.Storage.Tests;

public sealed class EncryptedStorageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-encrypted-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_client_side_encrypted_object_is_unreadable_without_the_key_and_fetches_with_it_into_a_file_sysdig_reads()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var sample = RepoPaths.Sample("libs_sample.scap");
        var kek = new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32));
        var key = ObjectKeys.ForLocalCapture("enc", "node-1", DateTimeOffset.UnixEpoch, encrypted: true);
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, Options() with { ClientSideKey = kek }))
        {
            upload.Write(File.ReadAllBytes(sample));
            var result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
            Assert.True(result.Complete, result.Error);
            Assert.Equal(kek.Id, result.KeyId);
        }

        // What the store holds: an envelope, neither the capture nor its gzip, and no key opens it but the right one.
        var stored = UploadRoundTripTests.StoredObject(s3, key);
        Assert.True(EnvelopeFormat.IsEncrypted(stored));
        Assert.NotEqual(0x1F, stored[0]);
        var plainText = File.ReadAllBytes(sample);
        Assert.True(stored.AsSpan().IndexOf(plainText.AsSpan(0, 64)) < 0);
        Assert.Throws<EncryptedCaptureException>(() => EnvelopeEncryptionTests.Decrypt(stored, new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32))));
        var rawCopy = Path.Combine(_work, "raw.scap");
        File.WriteAllBytes(rawCopy, stored);
        Assert.NotEqual(0, Sysdig.Run("-r", rawCopy).ExitCode);

        var fetcher = new CaptureFetcher(s3.Endpoint);
        var output = Path.Combine(_work, "fetched.scap.gz");
        var refused = await Assert.ThrowsAsync<EncryptedCaptureException>(() => fetcher.FetchAsync(new S3Uri(S3rverServer.Bucket, key), output, null, null, cancel: TestContext.Current.CancellationToken));
        Assert.Equal($"s3://{S3rverServer.Bucket}/{key} is encrypted (key id {kek.Id}); pass --key FILE", refused.Message);
        Assert.False(File.Exists(output));

        var fetched = await fetcher.FetchAsync(new S3Uri(S3rverServer.Bucket, key), output, kek, null, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(kek.Id, fetched.KeyId);
        Assert.Equal(UploadRoundTripTests.SysdigEventCount(sample), UploadRoundTripTests.SysdigEventCount(output));
        Assert.Equal(plainText, UploadRoundTripTests.Gunzip(File.ReadAllBytes(output)));
    }

    /// <summary>
    /// s3rver accepts server-side encryption headers and ignores them: it stores plaintext and does not echo the
    /// headers back. So this checks what can be checked here: the headers the MinIO SDK's encryption types produce reach
    /// the store on the requests that need them, and the object's stored bytes are unchanged by them.
    /// </summary>
    [Theory]
    [InlineData("s3", "x-amz-server-side-encryption", "AES256")]
    [InlineData("kms:capture-key", "x-amz-server-side-encryption-aws-kms-key-id", "capture-key")]
    [InlineData("c", "x-amz-server-side-encryption-customer-algorithm", "AES256")]
    public async Task Server_side_encryption_headers_reach_the_store(string kind, string header, string value)
    {
        using var s3 = S3rverServer.StartOrSkip();
        var customerKey = RandomNumberGenerator.GetBytes(32);
        var sse = kind == "c" ? ServerSideEncryption.CustomerKey(customerKey) : ServerSideEncryption.Parse(kind);
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, "sse.scap.gz", Options() with { ServerSide = sse }, http))
        {
            upload.Write(File.ReadAllBytes(RepoPaths.Sample("libs_sample.scap")));
            Assert.True((await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken)).Complete);
        }

        var create = Assert.Single(recorder.Requests, r => r.Method == "POST" && r.Query.Contains("uploads", StringComparison.Ordinal));
        Assert.Equal(value, create.Headers[header]);
        var part = Assert.Single(recorder.Requests, r => r.Method == "PUT" && r.Query.Contains("partNumber", StringComparison.Ordinal));
        if (kind == "c")
        {
            Assert.Equal(Convert.ToBase64String(customerKey), part.Headers["x-amz-server-side-encryption-customer-key"]);
#pragma warning disable CA5351 // SSE-C's protocol sends the key's MD5 as an integrity check; this compares against it.
            Assert.Equal(Convert.ToBase64String(MD5.HashData(customerKey)), part.Headers["x-amz-server-side-encryption-customer-key-md5"]);
#pragma warning restore CA5351
        }
        else
        {
            // S3 refuses SSE-S3/SSE-KMS headers on UploadPart: they belong to the create call only.
            Assert.DoesNotContain(part.Headers.Keys, h => h.StartsWith("x-amz-server-side-encryption", StringComparison.Ordinal));
        }
    }

    private UploadOptions Options() => new()
    {
        SpoolDirectory = Path.Combine(_work, "spool"),
        Retry = new RetryPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(300) },
    };

    private sealed record RecordedRequest(string Method, string Query, Dictionary<string, string> Headers);

    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value), StringComparer.Ordinal);
            Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri?.Query ?? "", headers));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
