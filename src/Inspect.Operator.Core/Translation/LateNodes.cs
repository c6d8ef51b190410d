namespace Inspect.Operator.Core.Translation;

/// <summary>
/// Nodes that join a capture already running: a targeted pod appeared (created, scheduled, or relabelled) on a node
/// that had none when the capture started. A pure function of the capture's translation now, the nodes it already
/// has, the cluster and the clock, so the reconciler's decision can be tested without a cluster.
/// <list type="bullet">
/// <item>Only while the capture runs (the reconciler asks only then) and before its end: a capture with a duration
/// ends at its start plus that duration, and a node with less than <see cref="MinimumRecording"/> left does not join.</item>
/// <item>The per-node concurrency limit applies as at the start; the cluster limit does not, since this capture is
/// already one of the cluster's running captures.</item>
/// <item>A joining node records for what is left of the duration, not a full one, and without pre-trigger history:
/// the flight-recorder window is before the capture's start, when this node had nothing to record.</item>
/// </list>
/// </summary>
public static class LateNodes
{
    /// <summary>Less than this left of the duration and a node does not join.</summary>
    public static readonly TimeSpan MinimumRecording = TimeSpan.FromSeconds(1);

    /// <summary>Which of <paramref name="translation"/>'s nodes join now, which wait for the per-node limit, and
    /// whether the capture is past its end.</summary>
    /// <param name="translation">The capture translated now with its recorded start time.</param>
    /// <param name="knownNodes">The nodes in status already (started, finished or failed).</param>
    /// <param name="cluster">The snapshot the translation was made from (for the concurrency limit).</param>
    /// <param name="settings">The operator's settings.</param>
    /// <param name="now">The time now.</param>
    public static LateNodePlan Plan(TranslationResult translation, IEnumerable<string> knownNodes, ClusterView cluster, OperatorSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(translation);
        ArgumentNullException.ThrowIfNull(knownNodes);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        var known = knownNodes.ToHashSet(StringComparer.Ordinal);
        var candidates = translation.Outcome is TranslationOutcome.Ready or TranslationOutcome.Throttled
            ? translation.Requests.Where(r => !known.Contains(r.NodeName)).ToList()
            : [];
        if (candidates.Count == 0)
        {
            return LateNodePlan.None;
        }

        if (Remaining(candidates[0], now) is { } left && left < MinimumRecording)
        {
            return new LateNodePlan([], [], PastEnd: true);
        }

        var join = new List<NodeCaptureRequest>();
        var throttled = new List<string>();
        foreach (var request in candidates)
        {
            if (settings.MaxConcurrentCapturesPerNode > 0
                && cluster.ActiveCapturesPerNode.TryGetValue(request.NodeName, out var active)
                && active >= settings.MaxConcurrentCapturesPerNode)
            {
                throttled.Add(request.NodeName);
            }
            else
            {
                join.Add(StartingAt(request, now));
            }
        }

        return new LateNodePlan(join, throttled, PastEnd: false);
    }

    /// <summary><paramref name="request"/> for a node joining at <paramref name="now"/>: the duration cut to what is
    /// left (at least <see cref="MinimumRecording"/>), no pre-trigger history. Keys and start time stay the capture's.</summary>
    public static NodeCaptureRequest StartingAt(NodeCaptureRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var left = Remaining(request, now);
        return request with
        {
            Limits = request.Limits with
            {
                Duration = left is { } l ? (l > MinimumRecording ? l : MinimumRecording) : null,
                PreTrigger = TimeSpan.Zero,
            },
        };
    }

    /// <summary>What is left of the capture's duration at <paramref name="now"/>; null when it has none.</summary>
    public static TimeSpan? Remaining(NodeCaptureRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Limits.Duration is { } duration ? request.StartedAt + duration - now : null;
    }
}

/// <summary>What <see cref="LateNodes.Plan"/> decided.</summary>
/// <param name="Join">Requests for the nodes to start now, with the remaining duration.</param>
/// <param name="Throttled">Nodes that would join but are at the per-node limit; asked again on the next pass.</param>
/// <param name="PastEnd">The capture's duration is over: nothing joins anymore.</param>
public sealed record LateNodePlan(IReadOnlyList<NodeCaptureRequest> Join, IReadOnlyList<string> Throttled, bool PastEnd)
{
    /// <summary>Nothing to do.</summary>
    public static LateNodePlan None { get; } = new([], [], PastEnd: false);
}
