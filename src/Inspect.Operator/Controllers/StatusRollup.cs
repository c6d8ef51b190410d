using System.Globalization;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;

namespace Inspect.Operator.Controllers;

/// <summary>
/// From the nodes' parts to the capture's phase, totals and conditions: a pure function, so every combination can be
/// tested without a cluster. Running while any node is pending or capturing; Uploading while any is storing;
/// then Succeeded (every node stored), PartiallySucceeded (some did) or Failed (none did).
/// </summary>
public static class StatusRollup
{
    /// <summary>Recomputes phase, totals, completion time and conditions of <paramref name="status"/> from its nodes.</summary>
    public static void Apply(V1Alpha1CaptureStatus status, long? generation, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var nodes = status.Nodes ?? [];
        status.NodeCount = nodes.Count;
        status.Events = nodes.Sum(n => n.Events ?? 0);
        status.Bytes = nodes.Sum(n => n.Bytes ?? 0);
        status.Size = ByteSize.Format(status.Bytes.Value);
        status.Redactions = RedactionTotals(nodes);
        status.Redacted = status.Redactions?.Values.Sum();
        status.ObservedGeneration = generation;

        var failed = nodes.Where(n => n.Phase == NodePhase.Failed).ToList();
        var succeeded = nodes.Count(n => n.Phase == NodePhase.Succeeded);
        var drops = nodes.Sum(n => n.Drops ?? 0);
        status.Phase = nodes.Any(n => n.Phase is NodePhase.Pending or NodePhase.Capturing) ? CapturePhase.Running
            : nodes.Any(n => n.Phase == NodePhase.Uploading) ? CapturePhase.Uploading
            : failed.Count == 0 ? CapturePhase.Succeeded
            : succeeded > 0 ? CapturePhase.PartiallySucceeded
            : CapturePhase.Failed;
        var finished = status.Phase is CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed;
        if (finished)
        {
            status.CompletionTime ??= now;
        }

        var conditions = status.Conditions ??= [];
        var (reason, message) = status.Phase switch
        {
            CapturePhase.Running when nodes.Any(n => n.Phase == NodePhase.Pending) =>
                (CaptureReasons.Starting, $"starting on {Count(nodes, NodePhase.Pending)} of {nodes.Count} node(s)"),
            CapturePhase.Running => (CaptureReasons.Capturing, $"recording on {Count(nodes, NodePhase.Capturing)} node(s): {status.Events} events, {status.Size}"),
            CapturePhase.Uploading => (CaptureReasons.Uploading, $"storing on {Count(nodes, NodePhase.Uploading)} node(s)"),
            CapturePhase.Succeeded => (CaptureReasons.Succeeded, $"stored from {succeeded} node(s): {status.Events} events, {status.Size}"),
            CapturePhase.PartiallySucceeded => (CaptureReasons.PartiallySucceeded, $"stored from {succeeded} of {nodes.Count} node(s); failed: {Failures(failed)}"),
            _ => (CaptureReasons.Failed, $"nothing stored; failed: {Failures(failed)}"),
        };

        ConditionSet.Set(conditions, ConditionTypes.Ready, status.Phase is CapturePhase.Succeeded or CapturePhase.PartiallySucceeded ? ConditionStatus.True : ConditionStatus.False, reason, message, generation, now);
        ConditionSet.Set(conditions, ConditionTypes.Progressing, finished ? ConditionStatus.False : ConditionStatus.True, reason, message, generation, now);
        if (failed.Count > 0)
        {
            var degradedReason = finished ? reason : CaptureReasons.AgentUnavailable;
            ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.True, degradedReason, $"failed: {Failures(failed)}", generation, now);
        }
        else if (nodes.Where(n => n.Phase == NodePhase.Succeeded && n.Error is not null).ToList() is { Count: > 0 } incomplete)
        {
            // Stored, but with a note: bytes lost to a full spool, or a file found after its agent went away.
            ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.True, CaptureReasons.Incomplete,
                $"stored incomplete: {Failures(incomplete)}", generation, now);
        }
        else if (drops > 0)
        {
            ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.True, CaptureReasons.EventsDropped,
                $"{drops.ToString(CultureInfo.InvariantCulture)} event(s) dropped by the kernel or the agent", generation, now);
        }
        else
        {
            ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.False, reason, "no node failed and no event was dropped", generation, now);
        }
    }

    /// <summary>True for the phases a capture never leaves.</summary>
    public static bool IsFinished(CapturePhase? phase) => phase is CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed;

    // Per rule over every node, ordered by rule name so status does not churn; null when nothing was masked.
    private static SortedDictionary<string, long>? RedactionTotals(IList<CaptureNodeStatus> nodes)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (rule, count) in nodes.SelectMany(n => n.Redactions ?? new Dictionary<string, long>()))
        {
            totals[rule] = totals.GetValueOrDefault(rule) + count;
        }

        return totals.Count > 0 ? totals : null;
    }

    private static int Count(IList<CaptureNodeStatus> nodes, NodePhase phase) => nodes.Count(n => n.Phase == phase);

    private static string Failures(List<CaptureNodeStatus> failed) =>
        string.Join("; ", failed.Select(n => $"{n.Node}: {n.Error ?? "failed"}"));
}
