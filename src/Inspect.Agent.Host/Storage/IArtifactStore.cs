using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Where a finished capture file goes: a node directory (<see cref="NodeDirectoryArtifactStore"/>), S3-compatible
/// storage, or anything else. The agent asks each registered store in turn and uses the first that accepts the
/// request's output; a store plugged in later (the S3 uploader) needs only to be registered.
/// </summary>
public interface IArtifactStore
{
    /// <summary>A short name for logs and errors (<c>node-directory</c>, <c>s3</c>).</summary>
    string Name { get; }

    /// <summary>True when this store handles <paramref name="output"/>.</summary>
    bool Accepts(ArtifactOutput output);

    /// <summary>Stores the spooled file and says where it went. Runs on a fresh token, not the capture's: stopping a
    /// capture must not abort the upload of what it recorded.</summary>
    Task<StoredArtifact> StoreAsync(SpooledCapture capture, CancellationToken cancellationToken);
}

/// <summary>A capture in the spool: being recorded (for a streaming store) or finished.</summary>
/// <param name="SpoolPath">The uncompressed .scap file.</param>
/// <param name="NodeName">The node that recorded it.</param>
/// <param name="Request">The request it was recorded for (output location, keys, identity).</param>
/// <param name="SummaryJson">The analysis summary of the finished file (<c>inspect summary --format json</c>'s
/// tables), stored beside the artifact; null while recording.</param>
public sealed record SpooledCapture(string SpoolPath, string NodeName, StartCaptureRequest Request, string? SummaryJson = null);

/// <summary>Where a capture was stored.</summary>
/// <param name="Uri">file://&lt;node&gt;/&lt;path&gt; or s3://&lt;bucket&gt;/&lt;key&gt;.</param>
/// <param name="Checksum">sha256:&lt;hex&gt; of the stored bytes.</param>
/// <param name="StoredBytes">Bytes stored (after compression).</param>
/// <param name="LostBytes">Capture bytes that did not reach the store (reported, never hidden).</param>
/// <param name="Verification">Set when the store read the file back where it lies and checked it (node directories).</param>
public sealed record StoredArtifact(string Uri, string Checksum, long StoredBytes, long LostBytes = 0, ArtifactVerification? Verification = null);
