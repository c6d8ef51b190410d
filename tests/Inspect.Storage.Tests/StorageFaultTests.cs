using Inspect.Storage.Upload;

namespace Inspect.Storage.Tests;

/// <summary>Storage going away mid-upload: the upload waits on disk and completes, or reports exactly what it lost.</summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-faults-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Storage_stopped_mid_upload_and_restarted_completes_the_object_equal_to_the_input()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var input = RandomBlocks(blocks: 48, blockSize: 1 << 20, seed: 1); // incompressible: 48 MiB of object
        UploadResult result;
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, "outage.scap.gz", Options(quota: 256 << 20)))
        {
            var i = 0;
            for (; i < input.Count / 3; i++)
            {
                upload.Write(input[i]);
            }

            await WaitUntil(() => upload.PartsUploaded >= 2);
            s3.Stop();
            for (; i < input.Count; i++)
            {
                upload.Write(input[i]);
            }

            // While the store is down, finished parts wait in the spool instead of being dropped.
            await WaitUntil(() => upload.SpooledBytes > 0);
            s3.Start();
            result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
        }

        Assert.True(result.Complete, result.Error);
        Assert.Equal(0, result.LostBytes);
        Assert.Empty(result.Gaps);
        Assert.Null(result.SpoolDirectory);
        Assert.Equal(input.SelectMany(b => b).ToArray(), UploadRoundTripTests.Gunzip(UploadRoundTripTests.StoredObject(s3, "outage.scap.gz")));
    }

    [Fact]
    public async Task A_full_spool_while_storage_is_down_drops_whole_writes_and_reports_the_loss()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var input = RandomBlocks(blocks: 40, blockSize: 1 << 20, seed: 2);
        const long quota = 12 << 20;
        UploadResult result;
        s3.Stop();
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, "lossy.scap.gz", Options(quota)))
        {
            foreach (var block in input)
            {
                upload.Write(block);
                Assert.True(upload.SpooledBytes <= quota, $"the spool holds {upload.SpooledBytes} bytes, over its quota of {quota}");
            }

            s3.Start();
            result = await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken);
        }

        Assert.True(result.Complete, result.Error);
        Assert.True(result.LostBytes > 0, "with 40 MiB written, 2 parts in memory and a 12 MiB spool, some data cannot be kept");
        Assert.Equal(result.LostBytes, result.Gaps.Sum(g => g.Bytes));
        Assert.Equal(input.Sum(b => (long)b.Length), result.CaptureBytes + result.LostBytes);
        Assert.Equal(result.LostBytes / (1 << 20), result.LostWrites);

        // The object is what was kept, in order, with the lost writes cut out whole at the reported offsets.
        var kept = new List<byte>();
        long offset = 0;
        var gaps = new Queue<CaptureGap>(result.Gaps);
        var skip = 0L;
        foreach (var block in input)
        {
            if (skip == 0 && gaps.TryPeek(out var gap) && gap.Offset == offset)
            {
                skip = gaps.Dequeue().Bytes;
            }

            if (skip > 0)
            {
                skip -= block.Length;
                continue;
            }

            kept.AddRange(block);
            offset += block.Length;
        }

        Assert.Equal(kept.ToArray(), UploadRoundTripTests.Gunzip(UploadRoundTripTests.StoredObject(s3, "lossy.scap.gz")));
    }

    private UploadOptions Options(long quota) => new()
    {
        PartSize = UploadOptions.MinPartSize,
        SpoolDirectory = Path.Combine(_work, "spool"),
        SpoolQuota = quota,
        Retry = new RetryPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(300) },
        CompletionTimeout = TimeSpan.FromMinutes(2),
    };

    private static List<byte[]> RandomBlocks(int blocks, int blockSize, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, blocks).Select(_ =>
        {
            var block = new byte[blockSize];
            random.NextBytes(block);
            return block;
        })];
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the upload");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
