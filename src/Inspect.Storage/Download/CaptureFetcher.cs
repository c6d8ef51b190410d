using System.Globalization;
using System.Security.Cryptography;
using Inspect.Scap.Reading;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Storage.Upload;
using Minio;
using Minio.DataModel.Args;

namespace Inspect.Storage.Download;

/// <summary>
/// Downloads a capture object through the MinIO SDK and says it is good only after checking it: the byte count
/// against the object's size, the SHA-256 against the one recorded at upload, the envelope's authentication when it is
/// encrypted, and a full read of the result as a .scap. The output appears (renamed from a temporary file) only then.
/// </summary>
public sealed class CaptureFetcher(StorageEndpoint endpoint, HttpClient? http = null)
{
    /// <param name="source">The object.</param>
    /// <param name="output">The file to write: the .scap (gzip-compressed, as stored) with encryption removed.</param>
    /// <param name="key">The key-encryption key; required when the object is envelope-encrypted.</param>
    /// <param name="serverSide">The SSE-C key, when the object was stored with one.</param>
    /// <param name="progress">Told the bytes received so far and the object's size as the download goes (on the
    /// downloading thread, once per buffer); the checks that follow the last bytes are not reported.</param>
    /// <param name="cancel">Stops the download.</param>
    public async Task<FetchResult> FetchAsync(S3Uri source, string output, KeyEncryptionKey? key, ServerSideEncryption? serverSide, Action<long, long>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        using var ownedHttp = http is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        using var minio = endpoint.CreateMinioClient(http ?? ownedHttp!);
        var statArgs = new StatObjectArgs().WithBucket(source.Bucket).WithObject(source.Key);
        if (serverSide is { IsCustomerKey: true })
        {
            statArgs = statArgs.WithServerSideEncryption(serverSide.Sdk);
        }

        var stat = await minio.StatObjectAsync(statArgs, cancel).ConfigureAwait(false);
        var recordedSha = stat.MetaData.TryGetValue(ObjectMetadata.Sha256, out var sha) ? sha : null;
        var recordedKeyId = stat.MetaData.TryGetValue(ObjectMetadata.KeyId, out var id) ? id : null;
        if (recordedKeyId is not null && key is null)
        {
            // Refuse before downloading anything: the object cannot be turned into a capture without its key.
            throw new EncryptedCaptureException(recordedKeyId, $"{source} is encrypted (key id {recordedKeyId}); pass --key FILE");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var downloaded = Path.Combine(directory, $".{Path.GetFileName(output)}.download-{Guid.NewGuid():N}");
        var decrypted = downloaded + ".plain";
        try
        {
            progress?.Invoke(0, stat.Size);
            var (bytes, actualSha) = await DownloadAsync(minio, source, serverSide, downloaded, received => progress?.Invoke(received, stat.Size), cancel).ConfigureAwait(false);
            if (bytes != stat.Size)
            {
                throw new InvalidDataException($"{source}: downloaded {bytes} bytes, but the object has {stat.Size}");
            }

            if (recordedSha is null)
            {
                throw new InvalidDataException($"{source} has no {ObjectMetadata.Header(ObjectMetadata.Sha256)} metadata: it was not uploaded completely by Inspect, so it cannot be checked");
            }

            if (!string.Equals(recordedSha, actualSha, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{source}: SHA-256 of the downloaded bytes is {actualSha}, but {recordedSha} was recorded at upload");
            }

            string? keyId = null;
            var result = downloaded;
            if (EnvelopeFormat.IsEncryptedFile(downloaded))
            {
                using (var input = File.OpenRead(downloaded))
                using (var plain = EnvelopeDecryptingStream.Open(input, key, source.ToString()))
                using (var file = File.Create(decrypted))
                {
                    keyId = plain.KeyId;
                    await plain.CopyToAsync(file, cancel).ConfigureAwait(false);
                }

                File.Delete(downloaded);
                result = decrypted;
            }

            var events = CountEvents(result, source);
            File.Move(result, output, overwrite: true);
            var lost = stat.MetaData.TryGetValue(ObjectMetadata.LostBytes, out var l) && long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return new FetchResult(output, bytes, actualSha, new FileInfo(output).Length, events, keyId, lost);
        }
        finally
        {
            File.Delete(downloaded);
            File.Delete(decrypted);
        }
    }

    private static async Task<(long Bytes, string Sha256)> DownloadAsync(IMinioClient minio, S3Uri source, ServerSideEncryption? serverSide, string path, Action<long> received, CancellationToken cancel)
    {
        long bytes = 0;
        string sha = "";
        var get = new GetObjectArgs()
            .WithBucket(source.Bucket)
            .WithObject(source.Key)
            .WithCallbackStream(async (stream, c) =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await stream.ReadAsync(buffer, c).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), c).ConfigureAwait(false);
                    bytes += n;
                    received(bytes);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            });
        if (serverSide is { IsCustomerKey: true })
        {
            get = get.WithServerSideEncryption(serverSide.Sdk);
        }

        await minio.GetObjectAsync(get, cancel).ConfigureAwait(false);
        return (bytes, sha);
    }

    private static long CountEvents(string path, S3Uri source)
    {
        try
        {
            long events = 0;
            using var reader = ScapReader.Open(path);
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                events += kind == ScapRecordKind.Event ? 1 : 0;
            }

            return events;
        }
        catch (Exception e) when (e is Inspect.Scap.Format.ScapFormatException or InvalidDataException)
        {
            throw new InvalidDataException($"{source} downloaded and checked, but it is not a valid .scap capture: {e.Message}", e);
        }
    }
}
