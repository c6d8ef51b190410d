namespace Inspect.Operator.Core.Translation;

/// <summary>One named check at the operator→agent boundary.</summary>
/// <param name="Reason">The CamelCase condition reason a reconciler writes (<c>InvalidFilter</c>).</param>
/// <param name="Field">The spec field the rule looks at (<c>spec.filter</c>).</param>
/// <param name="Description">What the rule demands, for documentation and messages.</param>
public sealed record SpecRule(string Reason, string Field, string Description)
{
    /// <summary>A violation of this rule with a message for humans.</summary>
    public SpecViolation Violation(string message) => new(this, message);
}

/// <summary>A rule that a spec broke, with a message saying how.</summary>
public sealed record SpecViolation(SpecRule Rule, string Message)
{
    /// <summary>The rule's reason.</summary>
    public string Reason => Rule.Reason;

    /// <inheritdoc />
    public override string ToString() => $"{Rule.Reason}: {Message}";
}

/// <summary>Every rule, one per check. Reasons are stable: reconcilers, status and tests match on them.</summary>
public static class SpecRules
{
    /// <summary>spec.targets names exactly one kind of target.</summary>
    public static readonly SpecRule TargetKind = new("InvalidTargetKind", "spec.targets",
        "exactly one of podSelector, podNames, nodeSelector or containerIds must be set");

    /// <summary>namespaceSelector only with podSelector.</summary>
    public static readonly SpecRule NamespaceSelectorWithoutPodSelector = new("NamespaceSelectorWithoutPodSelector",
        "spec.targets.namespaceSelector", "namespaceSelector can only be used together with podSelector");

    /// <summary>Label selector requirements are well formed.</summary>
    public static readonly SpecRule LabelSelector = new("InvalidLabelSelector", "spec.targets",
        "In and NotIn need values; Exists and DoesNotExist take none; keys are not empty");

    /// <summary>Pod names are DNS subdomain names.</summary>
    public static readonly SpecRule PodName = new("InvalidPodName", "spec.targets.podNames",
        "pod names are lowercase DNS subdomain names of at most 253 characters");

    /// <summary>Container ids are 12 to 64 hex digits, optionally with a runtime scheme.</summary>
    public static readonly SpecRule ContainerId = new("InvalidContainerId", "spec.targets.containerIds",
        "container ids are 12 to 64 hex digits, optionally prefixed by a runtime scheme (containerd://)");

    /// <summary>The filter compiles.</summary>
    public static readonly SpecRule Filter = new("InvalidFilter", "spec.filter",
        "the filter must be valid sysdig filter syntax over known fields");

    /// <summary>Snaplen is 0..65000.</summary>
    public static readonly SpecRule Snaplen = new("SnaplenOutOfRange", "spec.snaplen",
        "snaplen must be between 0 and 65000");

    /// <summary>Duration is a Go duration.</summary>
    public static readonly SpecRule DurationSyntax = new("InvalidDuration", "spec.duration",
        "duration must be a Go duration such as 30s, 5m or 1h30m");

    /// <summary>Duration is positive.</summary>
    public static readonly SpecRule DurationPositive = new("DurationNotPositive", "spec.duration",
        "duration must be greater than zero");

    /// <summary>Duration is at most the operator's maximum.</summary>
    public static readonly SpecRule DurationMaximum = new("DurationTooLong", "spec.duration",
        "duration must not exceed the operator's maximum");

    /// <summary>preTrigger is a Go duration within the operator's maximum.</summary>
    public static readonly SpecRule PreTrigger = new("InvalidPreTrigger", "spec.preTrigger",
        "preTrigger must be a Go duration not exceeding the operator's maximum flight-recorder history");

    /// <summary>maxBytes is positive.</summary>
    public static readonly SpecRule MaxBytes = new("MaxBytesNotPositive", "spec.maxBytes",
        "maxBytes must be greater than zero");

    /// <summary>maxEvents is positive.</summary>
    public static readonly SpecRule MaxEvents = new("MaxEventsNotPositive", "spec.maxEvents",
        "maxEvents must be greater than zero");

    /// <summary>At least one of duration, maxBytes, maxEvents.</summary>
    public static readonly SpecRule Limit = new("NoLimit", "spec",
        "at least one of duration, maxBytes or maxEvents must be set");

    /// <summary>ttlSecondsAfterFinished is not negative.</summary>
    public static readonly SpecRule Ttl = new("InvalidTtl", "spec.ttlSecondsAfterFinished",
        "ttlSecondsAfterFinished must not be negative");

    /// <summary>spec.output names exactly one kind, or the operator has a default.</summary>
    public static readonly SpecRule OutputKind = new("InvalidOutput", "spec.output",
        "exactly one of s3 or nodeDirectory must be set, or the operator must have a default output");

    /// <summary>The node directory is not absolute.</summary>
    public static readonly SpecRule NodeDirectoryAbsolute = new("NodeDirectoryAbsolute", "spec.output.nodeDirectory.path",
        "the node directory must be relative to the operator's base path");

    /// <summary>The node directory has no <c>..</c> segment, also when percent-encoded or written with backslashes.</summary>
    public static readonly SpecRule NodeDirectoryTraversal = new("NodeDirectoryTraversal", "spec.output.nodeDirectory.path",
        "the node directory must not contain '..' (in any encoding)");

    /// <summary>The node directory uses only portable characters.</summary>
    public static readonly SpecRule NodeDirectoryCharacters = new("NodeDirectoryInvalidCharacter", "spec.output.nodeDirectory.path",
        "the node directory may contain only letters, digits, '.', '_', '-' and '/', and must not be empty");

    /// <summary>The normalised node directory stays under the operator's base path.</summary>
    public static readonly SpecRule NodeDirectoryOutsideBase = new("NodeDirectoryOutsideBase", "spec.output.nodeDirectory.path",
        "the node directory must stay under the operator's base path after normalisation");

    /// <summary>The S3 bucket name is valid.</summary>
    public static readonly SpecRule BucketName = new("InvalidBucketName", "spec.output.s3.bucket",
        "bucket names are 3 to 63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");

    /// <summary>The S3 prefix cannot escape or confuse the key layout.</summary>
    public static readonly SpecRule S3Prefix = new("InvalidS3Prefix", "spec.output.s3.prefix",
        "the prefix must not start with '/', contain '..' segments, '//' or control characters");

    /// <summary>The S3 endpoint is an http(s) URL.</summary>
    public static readonly SpecRule S3Endpoint = new("InvalidS3Endpoint", "spec.output.s3.endpoint",
        "the endpoint must be an absolute http or https URL");

    /// <summary>One credential source at most.</summary>
    public static readonly SpecRule S3Credentials = new("ConflictingS3Credentials", "spec.output.s3",
        "credentialsSecret and webIdentity are mutually exclusive");

    /// <summary>Each user redaction rule compiles and names itself uniquely.</summary>
    public static readonly SpecRule RedactionRule = new("InvalidRedactionRule", "spec.redaction.rules",
        "each rule has a unique name (not a built-in rule's) and exactly one of a regex that compiles and cannot match the empty string, or a non-empty literal");

    /// <summary>Redaction is weakened only where the operator allows it.</summary>
    public static readonly SpecRule RedactionOptOut = new("RedactionOptOutNotAllowed", "spec.redaction",
        "enabled: false and builtInRules: false are accepted only where the operator runs with --allow-capture-opt-out (chart value redaction.allowCaptureOptOut)");

    /// <summary>Every rule, for documentation and tests.</summary>
    public static IReadOnlyList<SpecRule> All { get; } =
    [
        TargetKind, NamespaceSelectorWithoutPodSelector, LabelSelector, PodName, ContainerId, Filter, Snaplen,
        DurationSyntax, DurationPositive, DurationMaximum, PreTrigger, MaxBytes, MaxEvents, Limit, Ttl, OutputKind,
        NodeDirectoryAbsolute, NodeDirectoryTraversal, NodeDirectoryCharacters, NodeDirectoryOutsideBase, BucketName,
        S3Prefix, S3Endpoint, S3Credentials, RedactionRule, RedactionOptOut,
    ];
}
