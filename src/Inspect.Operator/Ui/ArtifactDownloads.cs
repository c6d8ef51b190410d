using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Inspect.Storage.Download;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Ui.Streaming;

namespace Inspect.Operator.Ui;

/// <summary>
/// Artifacts fetched from object storage for the UI, kept on disk (never in memory) under one directory, named by a
/// hash of their address and checksum: the queries read them from there as <c>inspect ui</c> reads local files.
/// Every download is checked (<see cref="CaptureFetcher"/>: size, SHA-256 recorded at upload, a full read as .scap)
/// and compared with the checksum the Capture's status reports. Requests for an artifact being fetched wait for that
/// one download. Beyond the byte budget, the least recently opened artifacts are deleted.
/// </summary>
public sealed class ArtifactDownloads(string directory, long maxBytes)
{
    private const string Extension = ".scap.gz";
    private readonly ConcurrentDictionary<string, Lazy<(Task<FileInfo> Task, TransferProgress Progress)>> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// The local copy of <paramref name="source"/>, fetched with <paramref name="endpoint"/> unless already here; a
    /// download (this request's or one already under way) is handed to <paramref name="watch"/>.
    /// </summary>
    public async Task<FileInfo> GetAsync(S3Uri source, string? checksum, StorageEndpoint endpoint, Action<TransferProgress>? watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + checksum))) + Extension;
        var path = Path.Combine(directory, name);
        var cached = new FileInfo(path);
        if (cached.Exists)
        {
            File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
            return cached;
        }

        // One download per artifact, not tied to the request that started it: others may be waiting for it.
        var download = _pending.GetOrAdd(name, _ => new Lazy<(Task<FileInfo>, TransferProgress)>(() =>
        {
            var progress = new TransferProgress();
            return (DownloadOnceAsync(name, source, checksum, endpoint, path, progress), progress);
        })).Value;
        watch?.Invoke(download.Progress);
        return await download.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Forgets the download when it ends, whoever still waits for it, so a failed one is tried again on the next request.
    private async Task<FileInfo> DownloadOnceAsync(string name, S3Uri source, string? checksum, StorageEndpoint endpoint, string path, TransferProgress progress)
    {
        try
        {
            return await DownloadAsync(source, checksum, endpoint, path, progress).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(name, out _);
        }
    }

    private async Task<FileInfo> DownloadAsync(S3Uri source, string? checksum, StorageEndpoint endpoint, string path, TransferProgress progress)
    {
        Directory.CreateDirectory(directory);
        var result = await new CaptureFetcher(endpoint).FetchAsync(source, path, key: null, serverSide: null, progress: progress.Report).ConfigureAwait(false);
        if (checksum is { Length: > 0 } && !string.Equals(checksum, "sha256:" + result.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(path);
            throw new InvalidDataException($"{source}: the stored object's SHA-256 is {result.Sha256}, but the Capture's status records {checksum}");
        }

        Evict(keep: path);
        return new FileInfo(path);
    }

    private void Evict(string keep)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + Extension).OrderByDescending(f => f.FullName == keep).ThenByDescending(f => f.LastAccessTimeUtc))
        {
            total += file.Length;
            if (total > maxBytes && file.FullName != keep)
            {
                // A query still reading it keeps its open handle; the file goes when that closes.
                file.Delete();
            }
        }
    }
}
