using Inspect.Crds.Capture;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Kubernetes;
using Inspect.Storage.Download;
using Inspect.Storage.Location;
using Inspect.Storage.S3;

namespace Inspect.Operator.Agents;

/// <summary>
/// Before a node's part is failed because its agent went away (killed, restarted without the capture), looks where
/// the agent was to store the file: an agent stopping stores what it recorded, so the file may well be there. The
/// object is read back and its SHA-256 compared with the one the upload recorded; only a file that checks out turns
/// the node Succeeded, with a note that the recording ended when the agent went away, and <c>verifiedBy: Operator</c>.
/// Node directories are on the node's disk, which the operator cannot see: there the agent, once back, reads its file
/// again and reports it (its stored-file recheck), and until then the node fails as before.
/// </summary>
public sealed class LostAgentArtifacts(StorageSecretReader secrets, Func<string, string?> environment, HttpClient? http = null, TimeProvider? clock = null)
{
    /// <summary>How long reading the object back may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The node's status after looking: <paramref name="failed"/> (with what was looked for added to its
    /// error) when nothing trustworthy was found, else Succeeded with the artifact found.</summary>
    public async Task<CaptureNodeStatus> CheckAsync(CaptureNodeStatus failed, NodeCaptureRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (request?.Output is not S3Location s3)
        {
            return failed;
        }

        var source = new S3Uri(s3.Bucket, s3.ObjectKey);
        StoredObject? found;
        try
        {
            var credentials = await secrets.ReadAsync(request.CaptureNamespace, s3, cancellationToken).ConfigureAwait(false) is { } fromSecret
                ? new StorageCredentials(fromSecret.AccessKeyId, fromSecret.SecretAccessKey)
                : StorageCredentials.FromEnvironment(environment)
                    ?? throw new InvalidOperationException("the Capture names no credentials Secret and the operator has no default storage credentials");
            var region = string.IsNullOrEmpty(s3.Region) ? StorageEndpoint.DefaultRegion : s3.Region;
            var url = string.IsNullOrEmpty(s3.Endpoint) ? new Uri($"https://s3.{region}.amazonaws.com") : StorageEndpoint.ParseUrl(s3.Endpoint);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            found = await new StoredObjectVerifier(new StorageEndpoint(url, credentials, region), http).VerifyAsync(source, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return WithNote(failed, $"{source} could not be checked: {e.Message}");
        }

        if (found is null)
        {
            return WithNote(failed, $"nothing was stored at {source}");
        }

        if (found.RecordedSha256 is null)
        {
            return WithNote(failed, $"{source} exists ({found.Bytes} bytes) but its upload never recorded a checksum, so it cannot be trusted");
        }

        if (!found.Verified)
        {
            var mismatch = WithNote(failed, $"{source} does not match the checksum recorded at upload (read {found.Sha256}, recorded {found.RecordedSha256})");
            mismatch.Verified = false;
            mismatch.VerifiedBy = VerifiedBy.Operator;
            mismatch.VerifiedAt = Now();
            mismatch.Verification = AgentMessages.Truncate($"read back from {source} by the operator: SHA-256 {found.Sha256}, not {found.RecordedSha256} as recorded at upload");
            return mismatch;
        }

        var note = $"{failed.Error}; its file was found at {source} and checked (SHA-256 as recorded at upload): it holds what was recorded until the agent went away"
            + (found.LostBytes > 0 ? $", except {found.LostBytes} capture bytes the upload reported lost" : "");
        return new CaptureNodeStatus
        {
            Node = failed.Node,
            Phase = NodePhase.Succeeded,
            JoinedAt = failed.JoinedAt,
            Events = failed.Events,
            Bytes = found.CaptureBytes ?? failed.Bytes,
            Drops = failed.Drops,
            Redactions = failed.Redactions,
            ArtifactUri = source.ToString(),
            Checksum = "sha256:" + found.Sha256,
            Verified = true,
            VerifiedBy = VerifiedBy.Operator,
            VerifiedAt = Now(),
            Verification = AgentMessages.Truncate($"read back from {source} by the operator ({found.Bytes} bytes): SHA-256 as recorded at upload"),
            Error = AgentMessages.Truncate(note),
        };
    }

    private DateTime Now() => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    private static CaptureNodeStatus WithNote(CaptureNodeStatus failed, string note) => new()
    {
        Node = failed.Node,
        Phase = failed.Phase,
        JoinedAt = failed.JoinedAt,
        Events = failed.Events,
        Bytes = failed.Bytes,
        Drops = failed.Drops,
        Redactions = failed.Redactions,
        ArtifactUri = failed.ArtifactUri,
        Checksum = failed.Checksum,
        Error = AgentMessages.Truncate($"{failed.Error}; {note}"),
    };
}
