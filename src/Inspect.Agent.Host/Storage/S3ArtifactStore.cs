using System.Text.Json.Nodes;
using Inspect.Agent.Capture;
using Inspect.Agent.Protocol.V1;
using Inspect.Storage.S3;
using Inspect.Storage.Upload;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Stores captures in S3-compatible storage under the key the operator chose
/// (<c>[prefix/]&lt;namespace&gt;/&lt;capture&gt;/&lt;node&gt;-&lt;start&gt;.scap.gz</c>) with the JSON summary beside it.
/// Streams while recording (<see cref="Begin"/>): gzip multipart parts of bounded size, waiting on local disk while
/// the store is down, so memory stays bounded whatever the capture's size. <see cref="StoreAsync"/> sends a finished
/// spool file the same way, for when the streamed upload could not complete.
/// </summary>
public sealed class S3ArtifactStore(S3StoreSettings settings) : IStreamingArtifactStore
{
    public string Name => "s3";

    public bool Accepts(ArtifactOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.LocationCase == ArtifactOutput.LocationOneofCase.S3;
    }

    public IStreamingArtifact Begin(SpooledCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var upload = Open(capture);
        return new StreamingUpload(new S3CaptureSink(upload));
    }

    public async Task<StoredArtifact> StoreAsync(SpooledCapture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        using var upload = Open(capture);
        await using (var file = File.OpenRead(capture.SpoolPath))
        {
            await file.CopyToAsync(upload, 1 << 20, cancellationToken).ConfigureAwait(false);
        }

        var result = await upload.CompleteAsync(Details(capture.SummaryJson), cancellationToken).ConfigureAwait(false);
        return result.Complete
            ? ToArtifact(result)
            : throw new InvalidOperationException($"upload of {result.Uri} did not complete: {result.Error}");
    }

    internal static StoredArtifact ToArtifact(UploadResult result) =>
        new(result.Uri, "sha256:" + result.Sha256, result.ObjectBytes, result.LostBytes);

    internal static JsonObject? Details(string? summaryJson) =>
        summaryJson is null ? null : JsonNode.Parse(summaryJson) as JsonObject;

    private CaptureUploadStream Open(SpooledCapture capture)
    {
        var output = capture.Request.Output.S3;
        var region = output.Region.Length > 0 ? output.Region : StorageEndpoint.DefaultRegion;
        var url = output.Endpoint.Length > 0 ? StorageEndpoint.ParseUrl(output.Endpoint) : new Uri($"https://s3.{region}.amazonaws.com");
        var endpoint = new StorageEndpoint(url, S3CredentialSource.Resolve(output, settings.Environment), region);
        var options = settings.Upload with
        {
            // One folder per capture, inside the agent's spool, so parts waiting for the store count against its disk.
            SpoolDirectory = Path.Join(settings.PartsDirectory, Path.GetFileNameWithoutExtension(capture.SpoolPath)),
            ServerSide = output.Encryption switch
            {
                "" or "None" => null,
                "AES256" => ServerSideEncryption.S3Managed(),
                "aws:kms" when output.KmsKeyId.Length > 0 => ServerSideEncryption.Kms(output.KmsKeyId),
                _ => throw new InvalidOperationException($"unknown server-side encryption '{output.Encryption}' (expected AES256 or aws:kms with a key id)"),
            },
        };
        return CaptureUploadStream.Start(endpoint, output.Bucket, output.ObjectKey, options, log: settings.Log);
    }

    private sealed class StreamingUpload(S3CaptureSink sink) : IStreamingArtifact
    {
        public ICaptureSink Sink => sink;

        public async Task<(StoredArtifact? Stored, string? WhyNot)> CompleteAsync(string summaryJson, CancellationToken cancellationToken)
        {
            var result = await sink.CompleteAsync(Details(summaryJson), cancellationToken).ConfigureAwait(false);
            return result.Complete ? (ToArtifact(result), null) : (null, result.Error);
        }

        public void Dispose() => sink.Dispose();
    }
}

/// <summary>How the agent uploads.</summary>
/// <param name="PartsDirectory">Where parts wait on disk while the store is unreachable.</param>
/// <param name="Upload">Part size, bounds and retries (the spool folder and encryption are set per capture).</param>
/// <param name="Environment">Where default credentials are read from.</param>
/// <param name="Log">Told about outages and recoveries.</param>
public sealed record S3StoreSettings(string PartsDirectory, UploadOptions Upload, Func<string, string?> Environment, Action<string>? Log = null);
