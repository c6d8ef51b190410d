using System.IO.Compression;
using System.Security.Cryptography;
using Inspect.Storage.Download;
using Inspect.Storage.Location;
using Inspect.Storage.Upload;
using Inspect.TestSupport;

namespace Inspect.Storage.Tests;

public sealed class UploadRoundTripTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-upload-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_sample_capture_uploaded_and_fetched_reads_in_sysdig_with_the_same_events()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var sample = RepoPaths.Sample("libs_sample.scap");
        var key = ObjectKeys.ForClusterCapture("prefix", "default", "web", "node-1", DateTimeOffset.UnixEpoch, encrypted: false);

        UploadResult result;
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, Options()))
        {
            await using (var input = File.OpenRead(sample))
            {
                await input.CopyToAsync(upload, TestContext.Current.CancellationToken);
            }

            result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
        }

        Assert.True(result.Complete, result.Error);
        Assert.Equal(new FileInfo(sample).Length, result.CaptureBytes);
        Assert.Equal(0, result.LostBytes);

        // What s3rver stored is exactly the gzip of the sample, and the returned checksum is the stored bytes' SHA-256.
        var stored = StoredObject(s3, key);
        Assert.Equal(result.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.Equal(File.ReadAllBytes(sample), Gunzip(stored));
        Assert.True(File.Exists(StoredPath(s3, ObjectKeys.SummaryOf(key))), "the summary object is beside the capture");

        var fetched = Path.Combine(_work, "fetched.scap.gz");
        var fetch = await new CaptureFetcher(s3.Endpoint).FetchAsync(new S3Uri(S3rverServer.Bucket, key), fetched, null, null, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(result.Sha256, fetch.Sha256);
        Assert.Equal(SysdigEventCount(sample), SysdigEventCount(fetched));
        Assert.Equal(ReaderEventCount(sample), fetch.Events);
    }

    [Fact]
    public async Task A_fetch_refuses_an_object_whose_bytes_changed_in_the_store()
    {
        using var s3 = S3rverServer.StartOrSkip();
        const string key = "tampered.scap.gz";
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, Options()))
        {
            upload.Write(File.ReadAllBytes(RepoPaths.Sample("libs_sample.scap")));
            Assert.True((await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken)).Complete);
        }

        var path = StoredPath(s3, key);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var output = Path.Combine(_work, "out.scap.gz");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new CaptureFetcher(s3.Endpoint).FetchAsync(new S3Uri(S3rverServer.Bucket, key), output, null, null, cancel: TestContext.Current.CancellationToken));
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "nothing is written when the check fails");
    }

    internal UploadOptions Options(int partSize = UploadOptions.MinPartSize, long quota = 64 << 20) => new()
    {
        PartSize = partSize,
        SpoolDirectory = Path.Combine(_work, "spool"),
        SpoolQuota = quota,
        Retry = new RetryPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(500) },
        CompletionTimeout = TimeSpan.FromMinutes(2),
    };

    internal static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary>The object as s3rver keeps it on disk (read directly, not through any S3 client).</summary>
    internal static byte[] StoredObject(S3rverServer s3, string key) => File.ReadAllBytes(StoredPath(s3, key));

    internal static string StoredPath(S3rverServer s3, string key)
    {
        var parts = key.Split('/');
        return Path.Combine([s3.Directory, S3rverServer.Bucket, .. parts[..^1], parts[^1] + "._S3rver_object"]);
    }

    /// <summary>Every event block, as Inspect's reader sees them (sysdig skips a few internal types when it prints).</summary>
    internal static long ReaderEventCount(string file)
    {
        long events = 0;
        using var reader = Inspect.Scap.Reading.ScapReader.Open(file);
        while (reader.Read() is var kind && kind != Inspect.Scap.Reading.ScapRecordKind.End)
        {
            events += kind == Inspect.Scap.Reading.ScapRecordKind.Event ? 1 : 0;
        }

        return events;
    }

    internal static int SysdigEventCount(string file) =>
        Sysdig.Read(file, "-p", "%evt.num").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
