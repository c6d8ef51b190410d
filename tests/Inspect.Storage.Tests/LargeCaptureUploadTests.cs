using Inspect.Storage.Download;
using Inspect.Storage.Location;
using Inspect.Storage.Upload;
using Inspect.TestSupport;

namespace Inspect.Storage.Tests;

[Collection("heap measurement")]
public sealed class LargeCaptureUploadTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-large-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// More than 100 MB of capture, generated here by replaying a real sample's events, streamed into the upload with the
    /// managed heap sampled throughout: it must stay far below the capture's size (parts are bounded),
    /// and sysdig must read the fetched object with as many events as were written.
    /// </summary>
    [Fact]
    public async Task A_capture_over_100_MB_uploads_with_bounded_memory_and_sysdig_reads_every_event_back()
    {
        using var s3 = S3rverServer.StartOrSkip();
        const long target = 110L << 20;
        var key = ObjectKeys.ForClusterCapture(null, "default", "large", "node-1", DateTimeOffset.UnixEpoch, encrypted: false);
        var options = new UploadOptions { PartSize = UploadOptions.MinPartSize, SpoolDirectory = Path.Combine(_work, "spool"), Compression = System.IO.Compression.CompressionLevel.NoCompression };

        var original = Path.Combine(_work, "original.scap");
        var events = SampleReplay.MakeCapture(RepoPaths.Sample("libs_sample.scap"), original, target);

        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        UploadResult result;
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, options))
        {
            await using (var input = new FileStream(original, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                var block = new byte[64 << 10];
                int n;
                while ((n = input.Read(block)) > 0)
                {
                    upload.Write(block.AsSpan(0, n));
                }
            }

            result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
        }

        await sampling.CancelAsync();
        await sampler;
        Assert.True(result.Complete, result.Error);
        Assert.True(result.ObjectBytes > target, $"the object has {result.ObjectBytes} bytes");

        // Two parts in memory, one filling, one read back from the spool, plus gzip, HTTP and GC slack: under 64 MiB,
        // while the object is over 110 MB.
        Assert.True(peak < 64L << 20, $"the managed heap grew by {peak >> 20} MiB while uploading {result.ObjectBytes >> 20} MiB");

        var fetched = Path.Combine(_work, "large.scap.gz");
        var fetch = await new CaptureFetcher(s3.Endpoint).FetchAsync(new S3Uri(S3rverServer.Bucket, key), fetched, null, null, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(events, fetch.Events);
        Assert.Equal(UploadRoundTripTests.SysdigEventCount(original), UploadRoundTripTests.SysdigEventCount(fetched));
    }
}

/// <summary>Runs alone: it samples the process's managed heap, which tests running beside it would inflate.</summary>
[CollectionDefinition("heap measurement", DisableParallelization = true)]
public sealed class HeapMeasurementCollection;
