using System.Globalization;
using Inspect.Crds.Capture;

namespace Inspect.Operator.Core.Translation;

/// <summary>
/// The operator→agent step as a pure function: a Capture's spec and identity, a snapshot of the cluster and the
/// operator's settings in; per-node start requests (or why there are none) out. No clients, no clock, no I/O: the
/// same inputs give the same requests, in the same order, with the same ids and keys.
/// </summary>
public static class CaptureTranslator
{
    /// <summary>The format of the start time in artifact names (<c>20250102T030405Z</c>).</summary>
    public const string StartTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Translates a Capture resource; <paramref name="startedAt"/> is the start the reconciler recorded.</summary>
    /// <exception cref="ArgumentException">The resource lacks a namespace, name or uid.</exception>
    public static TranslationResult Translate(V1Alpha1Capture capture, DateTimeOffset startedAt, ClusterView cluster, OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var meta = capture.Metadata;
        if (string.IsNullOrEmpty(meta?.NamespaceProperty) || string.IsNullOrEmpty(meta.Name) || string.IsNullOrEmpty(meta.Uid))
        {
            throw new ArgumentException("the Capture needs metadata.namespace, metadata.name and metadata.uid", nameof(capture));
        }

        return Translate(new CaptureIdentity(meta.NamespaceProperty, meta.Name, meta.Uid, startedAt), capture.Spec, cluster, settings);
    }

    /// <summary>Validates <paramref name="spec"/>, resolves its targets in <paramref name="cluster"/>, groups them by
    /// node and builds one request per node.</summary>
    public static TranslationResult Translate(CaptureIdentity capture, V1Alpha1CaptureSpec spec, ClusterView cluster, OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.NodeDirectoryBasePath.StartsWith('/'))
        {
            throw new ArgumentException("the node directory base path must be absolute", nameof(settings));
        }

        var violations = SpecValidation.Validate(spec, settings);
        if (violations.Count > 0)
        {
            return new TranslationResult
            {
                Outcome = TranslationOutcome.Invalid,
                Violations = violations,
                Message = string.Join("; ", violations.Select(v => v.ToString())),
            };
        }

        var targets = spec.Targets!;
        var (kind, byNode) = Resolve(capture, targets, cluster);
        if (byNode.Count == 0)
        {
            return new TranslationResult
            {
                Outcome = TranslationOutcome.NoTargets,
                Message = $"no {Describe(kind)} matched yet; waiting for them to appear",
            };
        }

        var startedAt = capture.StartedAt.ToUniversalTime();
        var alertTime = spec.Trigger?.Time is { } fired ? new DateTimeOffset(DateTime.SpecifyKind(fired, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var limits = new CaptureLimits(
            Parse(spec.Duration),
            spec.MaxBytes,
            spec.MaxEvents,
            FlightRecorderWindow.HistoryBeforeStart(Parse(spec.PreTrigger) ?? TimeSpan.Zero, alertTime, startedAt));
        var trigger = spec.Trigger is { } t ? new TriggerInfo(t.Source, t.AlertId, t.Rule, t.Policy) : null;
        var requests = byNode
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new NodeCaptureRequest
            {
                CaptureId = capture.Id,
                CaptureNamespace = capture.Namespace,
                CaptureName = capture.Name,
                NodeName = pair.Key,
                TargetKind = kind,
                Pods = pair.Value,
                CgroupHints = CgroupHints(kind, pair.Value),
                Limits = limits,
                Snaplen = spec.Snaplen ?? settings.DefaultSnaplen,
                Filter = string.IsNullOrWhiteSpace(spec.Filter) ? null : spec.Filter,
                Redaction = SpecValidation.Redaction(spec.Redaction),
                StartedAt = startedAt,
                Output = Location(capture, pair.Key, startedAt, spec.Output, settings),
                Trigger = trigger,
            })
            .ToList();

        var throttled = Throttled(requests, cluster, settings);
        return throttled.Count > 0
            ? new TranslationResult
            {
                Outcome = TranslationOutcome.Throttled,
                Requests = requests,
                ThrottledNodes = throttled,
                Message = $"concurrent capture limit reached on {string.Join(", ", throttled)}",
            }
            : new TranslationResult
            {
                Outcome = TranslationOutcome.Ready,
                Requests = requests,
                Message = $"starting on {requests.Count.ToString(CultureInfo.InvariantCulture)} node(s)",
            };
    }

    /// <summary>The artifact's key: <c>&lt;namespace&gt;/&lt;capture&gt;/&lt;node&gt;-&lt;start-utc&gt;.scap.gz</c>.</summary>
    public static string ArtifactKey(string captureNamespace, string captureName, string node, DateTimeOffset startedAt) =>
        $"{captureNamespace}/{captureName}/{node}-{startedAt.ToUniversalTime().ToString(StartTimeFormat, CultureInfo.InvariantCulture)}.scap.gz";

    private static (TargetKind Kind, Dictionary<string, List<TargetPod>> ByNode) Resolve(
        CaptureIdentity capture, CaptureTargets targets, ClusterView cluster)
    {
        var byNode = new Dictionary<string, List<TargetPod>>(StringComparer.Ordinal);
        void Add(ClusterPod pod, IEnumerable<ClusterContainer> containers)
        {
            if (!byNode.TryGetValue(pod.NodeName!, out var list))
            {
                byNode[pod.NodeName!] = list = [];
            }

            list.Add(new TargetPod(pod.Namespace, pod.Name, pod.Uid, containers
                .Select(ToTarget)
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList()));
        }

        var live = cluster.Pods.Where(p => !string.IsNullOrEmpty(p.NodeName) && !p.IsFinished).ToList();
        TargetKind kind;
        if (targets.NodeSelector is { } nodeSelector)
        {
            kind = TargetKind.NodeSelector;
            foreach (var node in cluster.Nodes.Where(n => LabelSelectors.Matches(nodeSelector, n.Labels)))
            {
                byNode[node.Name] = [];
            }
        }
        else if (targets.PodSelector is { } podSelector)
        {
            kind = TargetKind.PodSelector;
            var namespaces = targets.NamespaceSelector is { } namespaceSelector
                ? cluster.Namespaces.Where(n => LabelSelectors.Matches(namespaceSelector, n.Labels)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal) { capture.Namespace };
            foreach (var pod in live.Where(p => namespaces.Contains(p.Namespace) && LabelSelectors.Matches(podSelector, p.Labels)))
            {
                Add(pod, pod.Containers);
            }
        }
        else if (targets.PodNames is { Count: > 0 } names)
        {
            kind = TargetKind.PodNames;
            var wanted = names.ToHashSet(StringComparer.Ordinal);
            foreach (var pod in live.Where(p => p.Namespace == capture.Namespace && wanted.Contains(p.Name)))
            {
                Add(pod, pod.Containers);
            }
        }
        else
        {
            kind = TargetKind.ContainerIds;
            var wanted = (targets.ContainerIds ?? [])
                .Select(id => SpecValidation.TryNormaliseContainerId(id, out var hex, out _) ? hex : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var pod in live)
            {
                var matched = pod.Containers
                    .Where(c => SpecValidation.TryNormaliseContainerId(c.ContainerId, out var hex, out _)
                                && wanted.Any(w => hex.StartsWith(w, StringComparison.Ordinal)))
                    .ToList();
                if (matched.Count > 0)
                {
                    Add(pod, matched);
                }
            }
        }

        foreach (var list in byNode.Values)
        {
            list.Sort((a, b) => a.Namespace != b.Namespace
                ? string.CompareOrdinal(a.Namespace, b.Namespace)
                : string.CompareOrdinal(a.Name, b.Name));
        }

        return (kind, byNode);
    }

    private static TargetContainer ToTarget(ClusterContainer container) =>
        SpecValidation.TryNormaliseContainerId(container.ContainerId, out var id, out var runtime)
            ? new TargetContainer(container.Name, id, runtime)
            : new TargetContainer(container.Name, null, null);

    private static List<string> CgroupHints(TargetKind kind, IReadOnlyList<TargetPod> pods)
    {
        var hints = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (kind != TargetKind.ContainerIds)
            {
                // cgroupfs driver: kubepods/burstable/pod<uid>; systemd driver: kubepods-burstable-pod<uid_with_underscores>.slice
                hints.Add("pod" + pod.Uid);
                hints.Add("pod" + pod.Uid.Replace('-', '_'));
            }

            foreach (var container in pod.Containers)
            {
                if (container.Id is not null)
                {
                    hints.Add(container.Id);
                }
            }
        }

        return [.. hints];
    }

    private static ArtifactLocation Location(CaptureIdentity capture, string node, DateTimeOffset startedAt, CaptureOutput? output, OperatorSettings settings)
    {
        var key = ArtifactKey(capture.Namespace, capture.Name, node, startedAt);
        var summaryKey = key[..^".scap.gz".Length] + ".summary.json";
        if (output?.NodeDirectory is { } directory)
        {
            _ = SpecValidation.CheckNodeDirectory(directory.Path, settings.NodeDirectoryBasePath, out var resolved);
            var dir = resolved!;
            return new NodeDirectoryLocation
            {
                ArtifactKey = key,
                SummaryKey = summaryKey,
                Directory = dir,
                ArtifactPath = dir + "/" + key,
                SummaryPath = dir + "/" + summaryKey,
            };
        }

        var s3 = output?.S3 ?? settings.DefaultOutput!;
        var prefix = SpecValidation.NormalisePrefix(s3.Prefix);
        return new S3Location
        {
            ArtifactKey = key,
            SummaryKey = summaryKey,
            Endpoint = s3.Endpoint,
            Bucket = s3.Bucket,
            Region = s3.Region,
            ObjectKey = prefix + key,
            SummaryObjectKey = prefix + summaryKey,
            CredentialsSecretName = s3.CredentialsSecret?.Name,
            AccessKeyIdKey = s3.CredentialsSecret?.AccessKeyIdKey,
            SecretAccessKeyKey = s3.CredentialsSecret?.SecretAccessKeyKey,
            UseWebIdentity = s3.WebIdentity is not null,
            WebIdentityRoleArn = s3.WebIdentity?.RoleArn,
            Encryption = s3.ServerSideEncryption?.Type,
            KmsKeyId = s3.ServerSideEncryption?.KmsKeyId,
        };
    }

    private static List<string> Throttled(List<NodeCaptureRequest> requests, ClusterView cluster, OperatorSettings settings)
    {
        if (settings.MaxConcurrentCapturesPerCluster > 0 && cluster.ActiveCapturesInCluster >= settings.MaxConcurrentCapturesPerCluster)
        {
            return requests.Select(r => r.NodeName).ToList();
        }

        if (settings.MaxConcurrentCapturesPerNode <= 0)
        {
            return [];
        }

        return requests
            .Where(r => cluster.ActiveCapturesPerNode.TryGetValue(r.NodeName, out var active) && active >= settings.MaxConcurrentCapturesPerNode)
            .Select(r => r.NodeName)
            .ToList();
    }

    private static TimeSpan? Parse(string? duration) =>
        duration is not null && Durations.TryParse(duration, out var value) ? value : null;

    private static string Describe(TargetKind kind) => kind switch
    {
        TargetKind.PodSelector => "pod matching the selector (scheduled and not finished)",
        TargetKind.PodNames => "named pod (scheduled and not finished)",
        TargetKind.NodeSelector => "node matching the selector",
        _ => "container with the given ids",
    };
}
