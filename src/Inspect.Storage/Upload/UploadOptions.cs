using System.IO.Compression;
using Inspect.Storage.Encryption;
using Inspect.Storage.S3;

namespace Inspect.Storage.Upload;

/// <summary>How a capture is uploaded: part size, memory and disk bounds, retries, compression and encryption.</summary>
public sealed record UploadOptions
{
    /// <summary>S3's smallest part (all parts but the last must reach it).</summary>
    public const int MinPartSize = 5 << 20;

    /// <summary>Bytes per part: memory holds <see cref="MemoryParts"/> + 2 of them at most, whatever the capture size.</summary>
    public int PartSize { get; init; } = 8 << 20;

    /// <summary>Finished parts kept in memory while waiting for the store; more go to the spool directory.</summary>
    public int MemoryParts { get; init; } = 2;

    /// <summary>Where parts wait on disk while the store is slow or down (created; a fresh folder per upload).</summary>
    public string SpoolDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "inspect-spool");

    /// <summary>Disk the spool may use; beyond it, capture data is dropped and the loss is reported.</summary>
    public long SpoolQuota { get; init; } = 1L << 30;

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>How long completion waits for the store to take the remaining parts before it gives up (parts stay spooled).</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    /// <summary>Server-side encryption asked of the store, if any.</summary>
    public ServerSideEncryption? ServerSide { get; init; }

    /// <summary>Client-side envelope encryption with this key, if any: the store then only ever sees ciphertext.</summary>
    public KeyEncryptionKey? ClientSideKey { get; init; }

    public void Validate()
    {
        if (PartSize < MinPartSize)
        {
            throw new ArgumentException($"the part size is {PartSize} bytes; S3 needs at least {MinPartSize} (5 MiB)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryParts, 1);
        if (SpoolQuota < 2L * PartSize)
        {
            throw new ArgumentException($"the spool quota ({SpoolQuota} bytes) must hold at least two parts ({2L * PartSize} bytes)");
        }
    }
}
