using System.IO.Compression;
using Inspect.Agent.Host.Storage;
using Inspect.Agent.Protocol.V1;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.Agents;

/// <summary>The agent's node-directory store reads what it wrote back, and the check says what it found.</summary>
public sealed class NodeDirectoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("inspect-node-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_stored_file_is_read_back_and_reported_verified_with_the_checksum_of_the_bytes_on_disk()
    {
        var spool = Path.Join(_root, "spool.scap");
        File.WriteAllBytes(spool, PlainSamples.Bytes("falco_cat_write.scap"));
        var target = Path.Join(_root, "out", "default", "cap", "node-a-20260102T030405Z.scap.gz");

        var stored = await new NodeDirectoryArtifactStore(new FixedClock(Now)).StoreAsync(Spooled(spool, target), TestContext.Current.CancellationToken);

        Assert.Equal($"file://node-a{target}", stored.Uri);
        Assert.Equal(CaptureFiles.Checksum(target), stored.Checksum);
        Assert.Equal(new FileInfo(target).Length, stored.StoredBytes);
        Assert.Equal(await File.ReadAllBytesAsync(spool, TestContext.Current.CancellationToken), Decompress(target));
        Assert.NotNull(stored.Verification);
        Assert.True(stored.Verification.Verified);
        Assert.Equal(Now, stored.Verification.VerifiedAt.ToDateTimeOffset());
        Assert.StartsWith($"read back from {target} by the agent on node node-a: SHA-256 as stored, and the whole file reads as a .scap capture", stored.Verification.Detail);
    }

    [Fact]
    public void A_missing_changed_or_unreadable_file_does_not_check_out_and_the_detail_says_which()
    {
        var good = Path.Join(_root, "good.scap.gz");
        Compress(PlainSamples.Bytes("falco_cat_write.scap"), good);
        var checksum = CaptureFiles.Checksum(good);
        var changed = Path.Join(_root, "changed.scap.gz");
        var bytes = File.ReadAllBytes(good);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(changed, bytes);
        var notScap = Path.Join(_root, "text.scap.gz");
        Compress("this is not a capture"u8.ToArray(), notScap);

        var ok = NodeFileVerifier.Check(good, checksum, "node-a", Now);
        var missing = NodeFileVerifier.Check(Path.Join(_root, "gone.scap.gz"), checksum, "node-a", Now);
        var mismatch = NodeFileVerifier.Check(changed, checksum, "node-a", Now);
        var unreadable = NodeFileVerifier.Check(notScap, CaptureFiles.Checksum(notScap), "node-a", Now);

        Assert.True(ok.Verified);
        Assert.NotNull(ok.Tiles);
        Assert.NotNull(ok.SummaryJson);
        Assert.All([missing, mismatch, unreadable], c =>
        {
            Assert.False(c.Verified);
            Assert.Null(c.Tiles);
            Assert.Equal(Now, c.Verification.VerifiedAt.ToDateTimeOffset());
        });
        Assert.Equal($"{Path.Join(_root, "gone.scap.gz")} is not on node node-a anymore (removed or moved since it was stored)", missing.Verification.Detail);
        Assert.Equal($"{changed} on node node-a reads back with {CaptureFiles.Checksum(changed)}, not {checksum} as stored: it was changed or damaged", mismatch.Verification.Detail);
        Assert.StartsWith($"{notScap} on node node-a has the stored SHA-256 but does not read as a .scap capture: ", unreadable.Verification.Detail);
    }

    private static SpooledCapture Spooled(string spool, string target) => new(spool, "node-a", new StartCaptureRequest
    {
        CaptureId = "default/cap/uid",
        Output = new ArtifactOutput
        {
            ArtifactKey = "default/cap/node-a-20260102T030405Z.scap.gz",
            NodeDirectory = new NodeDirectoryOutput { Directory = Path.Join(Path.GetDirectoryName(spool)!, "out"), ArtifactPath = target },
        },
    });

    private static void Compress(byte[] data, string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(data);
    }

    private static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
