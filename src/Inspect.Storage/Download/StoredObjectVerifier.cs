using System.Globalization;
using System.Security.Cryptography;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Storage.Upload;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Inspect.Storage.Download;

/// <summary>
/// Checks an uploaded capture where it lies, without keeping a copy: the object's bytes are read once and hashed, and
/// the SHA-256 compared with the one the upload recorded in the object's metadata. For an operator that lost touch
/// with the agent that uploaded it and must say what is really stored.
/// </summary>
public sealed class StoredObjectVerifier(StorageEndpoint endpoint, HttpClient? http = null)
{
    /// <summary>What is stored at <paramref name="source"/>, or null when there is no such object.</summary>
    public async Task<StoredObject?> VerifyAsync(S3Uri source, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var ownedHttp = http is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        using var minio = endpoint.CreateMinioClient(http ?? ownedHttp!);
        Minio.DataModel.ObjectStat stat;
        try
        {
            stat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(source.Bucket).WithObject(source.Key), cancel).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }

        long bytes = 0;
        var sha = "";
        var get = new GetObjectArgs()
            .WithBucket(source.Bucket)
            .WithObject(source.Key)
            .WithCallbackStream(async (stream, c) =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await stream.ReadAsync(buffer, c).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    bytes += n;
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            });
        await minio.GetObjectAsync(get, cancel).ConfigureAwait(false);
        return new StoredObject(
            source,
            bytes,
            sha,
            stat.MetaData.TryGetValue(ObjectMetadata.Sha256, out var recorded) ? recorded.ToLowerInvariant() : null,
            Number(stat.MetaData, ObjectMetadata.CaptureBytes),
            Number(stat.MetaData, ObjectMetadata.LostBytes) ?? 0);
    }

    private static long? Number(Dictionary<string, string> metadata, string name) =>
        metadata.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>An object as read back from the store.</summary>
/// <param name="Source">Where it is.</param>
/// <param name="Bytes">Bytes read.</param>
/// <param name="Sha256">SHA-256 of the bytes read, lower-case hex.</param>
/// <param name="RecordedSha256">The SHA-256 the upload recorded, or null when the upload never got that far.</param>
/// <param name="CaptureBytes">Capture bytes the upload took in (before compression), when recorded.</param>
/// <param name="LostBytes">Capture bytes the upload reported lost.</param>
public sealed record StoredObject(S3Uri Source, long Bytes, string Sha256, string? RecordedSha256, long? CaptureBytes, long LostBytes)
{
    /// <summary>The bytes are those the upload finished with.</summary>
    public bool Verified => RecordedSha256 is not null && RecordedSha256 == Sha256;
}
