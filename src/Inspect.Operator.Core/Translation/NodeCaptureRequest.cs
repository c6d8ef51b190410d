using Inspect.Crds.Capture;

namespace Inspect.Operator.Core.Translation;

/// <summary>What kind of target produced a request.</summary>
public enum TargetKind
{
    /// <summary>Pods matched by a label selector (optionally across namespaces).</summary>
    PodSelector,

    /// <summary>Pods named in the Capture's namespace.</summary>
    PodNames,

    /// <summary>Whole nodes matched by a label selector: every process is recorded.</summary>
    NodeSelector,

    /// <summary>Containers named by runtime id.</summary>
    ContainerIds,
}

/// <summary>One container of a targeted pod.</summary>
/// <param name="Name">The container's name in the pod spec.</param>
/// <param name="Id">The bare runtime id (hex digits, no <c>containerd://</c> prefix); null while not yet started.</param>
/// <param name="Runtime">The runtime scheme (<c>containerd</c>, <c>cri-o</c>, <c>docker</c>), when known.</param>
public sealed record TargetContainer(string Name, string? Id, string? Runtime);

/// <summary>One targeted pod on the request's node.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid: stable across container restarts, so the agent can follow the pod.</param>
/// <param name="Containers">The containers recorded, ordered by name.</param>
public sealed record TargetPod(string Namespace, string Name, string Uid, IReadOnlyList<TargetContainer> Containers);

/// <summary>The limits a node stops at; whichever is reached first.</summary>
/// <param name="Duration">How long to record; unbounded when null.</param>
/// <param name="MaxBytes">Bytes written on the node; unbounded when null.</param>
/// <param name="MaxEvents">Events recorded on the node; unbounded when null.</param>
/// <param name="PreTrigger">History to include from the flight recorder, back from the capture's start (spec.preTrigger, counted
/// from the alert for policy-made captures: see <see cref="FlightRecorderWindow"/>).</param>
public sealed record CaptureLimits(TimeSpan? Duration, long? MaxBytes, long? MaxEvents, TimeSpan PreTrigger);

/// <summary>The redaction an agent applies before bytes reach disk.</summary>
/// <param name="BuiltInRules">Apply the built-in rules.</param>
/// <param name="Rules">The Capture's own rules, already checked to compile.</param>
public sealed record RedactionSettings(bool BuiltInRules, IReadOnlyList<Redaction.Rules.UserRuleDefinition> Rules);

/// <summary>Who asked for the capture.</summary>
public sealed record TriggerInfo(TriggerSource Source, string? AlertId, string? Rule, string? Policy);

/// <summary>Where one node's artifact goes.</summary>
public abstract record ArtifactLocation
{
    /// <summary>The artifact's key relative to its store: <c>&lt;namespace&gt;/&lt;capture&gt;/&lt;node&gt;-&lt;start-utc&gt;.scap.gz</c>.</summary>
    public required string ArtifactKey { get; init; }

    /// <summary>The key of the JSON summary beside the artifact.</summary>
    public required string SummaryKey { get; init; }
}

/// <summary>An S3-compatible object store.</summary>
public sealed record S3Location : ArtifactLocation
{
    /// <summary>The endpoint URL; AWS S3 for the region when null.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>The region.</summary>
    public string? Region { get; init; }

    /// <summary>The full object key: the spec's prefix followed by <see cref="ArtifactLocation.ArtifactKey"/>.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>The full object key of the JSON summary.</summary>
    public required string SummaryObjectKey { get; init; }

    /// <summary>A Secret (in the Capture's namespace) with the access key pair; null for web identity or defaults.</summary>
    public string? CredentialsSecretName { get; init; }

    /// <summary>The Secret key holding the access key id, when not the default.</summary>
    public string? AccessKeyIdKey { get; init; }

    /// <summary>The Secret key holding the secret access key, when not the default.</summary>
    public string? SecretAccessKeyKey { get; init; }

    /// <summary>Use the agent's projected service-account token (IRSA-style).</summary>
    public bool UseWebIdentity { get; init; }

    /// <summary>The role to assume with the web identity.</summary>
    public string? WebIdentityRoleArn { get; init; }

    /// <summary>Server-side encryption, when requested.</summary>
    public S3EncryptionType? Encryption { get; init; }

    /// <summary>The KMS key for SSE-KMS.</summary>
    public string? KmsKeyId { get; init; }
}

/// <summary>A directory on the node, already resolved under the operator's base path.</summary>
public sealed record NodeDirectoryLocation : ArtifactLocation
{
    /// <summary>The normalised absolute directory (base path + the spec's relative path).</summary>
    public required string Directory { get; init; }

    /// <summary>The artifact's absolute path: <see cref="Directory"/> + <see cref="ArtifactLocation.ArtifactKey"/>.</summary>
    public required string ArtifactPath { get; init; }

    /// <summary>The summary's absolute path.</summary>
    public required string SummaryPath { get; init; }
}

/// <summary>
/// One node's share of a Capture: everything the agent on <see cref="NodeName"/> needs to start, and nothing it must
/// look up. Calls are idempotent by <see cref="CaptureId"/> + <see cref="NodeName"/>.
/// </summary>
public sealed record NodeCaptureRequest
{
    /// <summary>The stable capture id, <c>&lt;namespace&gt;/&lt;name&gt;/&lt;uid&gt;</c>.</summary>
    public required string CaptureId { get; init; }

    /// <summary>The Capture's namespace.</summary>
    public required string CaptureNamespace { get; init; }

    /// <summary>The Capture's name.</summary>
    public required string CaptureName { get; init; }

    /// <summary>The node whose agent runs this request.</summary>
    public required string NodeName { get; init; }

    /// <summary>The kind of target the spec used.</summary>
    public required TargetKind TargetKind { get; init; }

    /// <summary>True when every process on the node is recorded (nodeSelector); <see cref="Pods"/> is then empty.</summary>
    public bool WholeNode => TargetKind == TargetKind.NodeSelector;

    /// <summary>The targeted pods on this node, ordered by namespace then name.</summary>
    public required IReadOnlyList<TargetPod> Pods { get; init; }

    /// <summary>Fragments of cgroup paths that identify the targets (<c>pod&lt;uid&gt;</c> in both the cgroupfs and systemd
    /// spellings, and container ids); sorted, without duplicates. Empty for whole nodes.</summary>
    public required IReadOnlyList<string> CgroupHints { get; init; }

    /// <summary>When to stop.</summary>
    public required CaptureLimits Limits { get; init; }

    /// <summary>Payload bytes kept per I/O call.</summary>
    public required int Snaplen { get; init; }

    /// <summary>The sysdig filter, already checked to compile; null when none.</summary>
    public string? Filter { get; init; }

    /// <summary>How secrets are masked on the node; null when the Capture turned redaction off.</summary>
    public RedactionSettings? Redaction { get; init; }

    /// <summary>The capture's start, in UTC, as used in the artifact's name.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Where the artifact goes.</summary>
    public required ArtifactLocation Output { get; init; }

    /// <summary>Who asked; null when the spec says nothing.</summary>
    public TriggerInfo? Trigger { get; init; }
}
