using Google.Protobuf.WellKnownTypes;
using Inspect.Crds.Capture;
using Inspect.Operator.Core.Translation;
using Proto = Inspect.Agent.Protocol.V1;

namespace Inspect.Operator.Agents;

/// <summary>Between the translator's requests, the agents' wire messages and the Capture's per-node status.</summary>
public static class AgentMessages
{
    private const int MaxErrorLength = 1024;

    /// <summary>The wire request for one node's part.</summary>
    public static Proto.StartCaptureRequest ToStartRequest(NodeCaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = new Proto.CaptureLimits { PreTrigger = Duration.FromTimeSpan(request.Limits.PreTrigger) };
        if (request.Limits.Duration is { } duration)
        {
            limits.Duration = Duration.FromTimeSpan(duration);
        }

        if (request.Limits.MaxBytes is { } maxBytes)
        {
            limits.MaxBytes = maxBytes;
        }

        if (request.Limits.MaxEvents is { } maxEvents)
        {
            limits.MaxEvents = maxEvents;
        }

        var message = new Proto.StartCaptureRequest
        {
            CaptureId = request.CaptureId,
            CaptureNamespace = request.CaptureNamespace,
            CaptureName = request.CaptureName,
            NodeName = request.NodeName,
            WholeNode = request.WholeNode,
            Limits = limits,
            Snaplen = (uint)request.Snaplen,
            Filter = request.Filter ?? "",
            StartedAt = Timestamp.FromDateTimeOffset(request.StartedAt),
            Output = ToOutput(request.Output),
            Redaction = ToRedaction(request.Redaction),
        };
        message.CgroupHints.AddRange(request.CgroupHints);
        foreach (var pod in request.Pods)
        {
            var target = new Proto.TargetPod { Namespace = pod.Namespace, Name = pod.Name, Uid = pod.Uid };
            target.Containers.AddRange(pod.Containers.Select(c => new Proto.TargetContainer { Name = c.Name, Id = c.Id ?? "", Runtime = c.Runtime ?? "" }));
            message.Pods.Add(target);
        }

        return message;
    }

    /// <summary>The Capture's view of one node's part, from what its agent reports.</summary>
    public static CaptureNodeStatus ToNodeStatus(string node, Proto.CaptureStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new CaptureNodeStatus
        {
            Node = node,
            Phase = status.Phase switch
            {
                Proto.CapturePhase.Pending => NodePhase.Pending,
                Proto.CapturePhase.Capturing => NodePhase.Capturing,
                Proto.CapturePhase.Uploading => NodePhase.Uploading,
                Proto.CapturePhase.Succeeded => NodePhase.Succeeded,
                _ => NodePhase.Failed,
            },
            Events = status.Events,
            Bytes = status.Bytes,
            Drops = (long)Math.Min(status.Drops, long.MaxValue),
            ArtifactUri = status.ArtifactUri.Length > 0 ? status.ArtifactUri : null,
            Checksum = status.Checksum.Length > 0 ? status.Checksum : null,
            Redactions = Redactions(status),
            Verified = status.Verification?.Verified,
            VerifiedBy = status.Verification is null ? null : VerifiedBy.Agent,
            VerifiedAt = status.Verification?.VerifiedAt?.ToDateTime(),
            Verification = status.Verification is { Detail.Length: > 0 } verification ? Truncate(verification.Detail) : null,
            Error = status.Error.Length > 0 ? Truncate(status.Error)
                : status.Phase == Proto.CapturePhase.Unspecified ? "the agent reported no phase" : null,
        };
    }

    /// <summary>An error message cut to what status.nodes[].error holds.</summary>
    public static string Truncate(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
    }

    // Null settings: the Capture turned redaction off (the agent honours that only where its node allows it).
    private static Proto.RedactionRequest ToRedaction(RedactionSettings? settings)
    {
        var message = new Proto.RedactionRequest { Disabled = settings is null, NoBuiltInRules = settings is { BuiltInRules: false } };
        foreach (var rule in settings?.Rules ?? [])
        {
            var definition = new Proto.RedactionRuleDefinition { Name = rule.Name };
            if (rule.Regex is not null)
            {
                definition.Regex = rule.Regex;
            }
            else
            {
                definition.Literal = rule.Literal ?? "";
            }

            message.Rules.Add(definition);
        }

        return message;
    }

    // Counts by rule name, the rules that masked nothing left out; null when nothing was masked.
    private static Dictionary<string, long>? Redactions(Proto.CaptureStatus status)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in status.Redactions.Where(c => c.Count > 0 && c.Rule.Length > 0))
        {
            counts[count.Rule] = counts.GetValueOrDefault(count.Rule) + count.Count;
        }

        return counts.Count > 0 ? counts : null;
    }

    private static Proto.ArtifactOutput ToOutput(ArtifactLocation location)
    {
        var output = new Proto.ArtifactOutput { ArtifactKey = location.ArtifactKey, SummaryKey = location.SummaryKey };
        switch (location)
        {
            case NodeDirectoryLocation directory:
                output.NodeDirectory = new Proto.NodeDirectoryOutput
                {
                    Directory = directory.Directory,
                    ArtifactPath = directory.ArtifactPath,
                    SummaryPath = directory.SummaryPath,
                };
                break;
            case S3Location s3:
                output.S3 = new Proto.S3Output
                {
                    Endpoint = s3.Endpoint ?? "",
                    Bucket = s3.Bucket,
                    Region = s3.Region ?? "",
                    ObjectKey = s3.ObjectKey,
                    SummaryObjectKey = s3.SummaryObjectKey,
                    CredentialsSecretName = s3.CredentialsSecretName ?? "",
                    AccessKeyIdKey = s3.AccessKeyIdKey ?? "",
                    SecretAccessKeyKey = s3.SecretAccessKeyKey ?? "",
                    UseWebIdentity = s3.UseWebIdentity,
                    WebIdentityRoleArn = s3.WebIdentityRoleArn ?? "",
                    Encryption = s3.Encryption switch
                    {
                        S3EncryptionType.Aes256 => "AES256",
                        S3EncryptionType.AwsKms => "aws:kms",
                        _ => "",
                    },
                    KmsKeyId = s3.KmsKeyId ?? "",
                };
                break;
            default:
                throw new ArgumentException($"unknown output location {location.GetType().Name}", nameof(location));
        }

        return output;
    }
}
