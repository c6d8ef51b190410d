using System.Globalization;
using Inspect.Crds.Capture;

namespace Inspect.Operator.Controllers;

/// <summary>One step of a Capture's life, as a Kubernetes Event.</summary>
/// <param name="Warning">Warning rather than Normal.</param>
/// <param name="Reason">CamelCase reason (what kubectl describe shows in its Reason column).</param>
/// <param name="Action">What the operator did or saw.</param>
/// <param name="Note">The human-readable message.</param>
public sealed record CaptureStep(bool Warning, string Reason, string Action, string Note);

/// <summary>
/// The steps between two states of a Capture's status: a pure function of the node list before and after a reconcile
/// pass (and each node's stop reason as its agent reported it), so every transition is told once, in order.
/// </summary>
public static class CaptureStory
{
    public const string Scheduled = "Scheduled";
    public const string Started = "Started";
    public const string LimitReached = "LimitReached";
    public const string Uploaded = "Uploaded";
    public const string RedactionsApplied = "RedactionsApplied";
    public const string DataLost = "DataLost";
    public const string NodeFailed = "NodeFailed";
    public const string InvalidSpec = "InvalidSpec";
    public const string NodeJoined = "NodeJoined";
    public const string JoinWaiting = "JoinWaiting";

    /// <summary>The capture was given its nodes.</summary>
    public static CaptureStep ScheduledOn(IEnumerable<string> nodes) =>
        new(false, Scheduled, "Schedule", $"scheduled on {string.Join(", ", nodes)}");

    /// <summary>A targeted pod appeared on a node that had none at the start: the node joins the running capture.</summary>
    public static CaptureStep Joined(string node, TimeSpan? remaining) =>
        new(false, NodeJoined, "Schedule", remaining is { } left
            ? $"node {node} joins: a targeted pod appeared there; it records for the remaining {left.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s"
            : $"node {node} joins: a targeted pod appeared there");

    /// <summary>A node would join but is at its concurrent-capture limit.</summary>
    public static CaptureStep JoinThrottled(string node) =>
        new(true, JoinWaiting, "Schedule", $"a targeted pod appeared on node {node}, which is at its concurrent capture limit; it joins when a slot frees up before the capture ends");

    /// <summary>The spec was refused.</summary>
    public static CaptureStep Invalid(string message) => new(true, InvalidSpec, "Validate", message);

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="before">The nodes as status had them.</param>
    /// <param name="after">The nodes as this pass found them.</param>
    /// <param name="stopReasons">Each node's stop reason as its agent reported it (Requested, Duration, MaxBytes, MaxEvents), when known.</param>
    /// <param name="phaseBefore">The capture's phase before.</param>
    /// <param name="phaseAfter">The capture's phase after.</param>
    public static IReadOnlyList<CaptureStep> Between(
        IReadOnlyList<CaptureNodeStatus> before, IReadOnlyList<CaptureNodeStatus> after, IReadOnlyDictionary<string, string> stopReasons, CapturePhase? phaseBefore, CapturePhase? phaseAfter)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(stopReasons);
        var steps = new List<CaptureStep>();
        foreach (var node in after)
        {
            var old = before.FirstOrDefault(n => n.Node == node.Node)?.Phase ?? NodePhase.Pending;
            if (old == node.Phase)
            {
                continue;
            }

            if (old == NodePhase.Pending && node.Phase is NodePhase.Capturing or NodePhase.Uploading or NodePhase.Succeeded)
            {
                steps.Add(new(false, Started, "Record", $"recording on node {node.Node}"));
            }

            var wasRecording = old is NodePhase.Pending or NodePhase.Capturing;
            if (wasRecording && node.Phase is NodePhase.Uploading or NodePhase.Succeeded
                && stopReasons.TryGetValue(node.Node, out var reason) && reason is "MaxBytes" or "MaxEvents")
            {
                steps.Add(new(false, LimitReached, "Stop",
                    $"node {node.Node} stopped at its {(reason == "MaxBytes" ? "byte" : "event")} limit after {Count(node.Events)} events, {Count(node.Bytes)} bytes"));
            }

            // Told once the node's part is over, so its counts are final. Rule names and counts only: the masked
            // bytes never leave the node.
            if (node.Phase is NodePhase.Succeeded or NodePhase.Failed && node.Redactions is { Count: > 0 } redactions)
            {
                steps.Add(new(false, RedactionsApplied, "Redact", $"node {node.Node}: {Redacted(redactions)}"));
            }

            if (node.Phase == NodePhase.Succeeded)
            {
                steps.Add(new(false, Uploaded, "Store", $"node {node.Node}: {Count(node.Events)} events stored at {node.ArtifactUri} ({node.Checksum})"));
                if (node.Error is { Length: > 0 } lost)
                {
                    steps.Add(new(true, DataLost, "Store", $"node {node.Node}: {lost}"));
                }
            }
            else if (node.Phase == NodePhase.Failed)
            {
                steps.Add(new(true, NodeFailed, "Record", $"node {node.Node}: {node.Error ?? "failed"}"));
            }
        }

        if (phaseAfter != phaseBefore && StatusRollup.IsFinished(phaseAfter))
        {
            var stored = after.Count(n => n.Phase == NodePhase.Succeeded);
            steps.Add(new(phaseAfter != CapturePhase.Succeeded, phaseAfter.ToString()!, "Finish", $"{phaseAfter}: stored from {stored} of {after.Count} node(s)"));
        }

        return steps;
    }

    /// <summary>"5 secrets masked (http-authorization 2, jwt 1, ticket-id 2)", rules by name.</summary>
    public static string Redacted(IDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Values.Sum();
        var rules = counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {Count(c.Value)}");
        return $"{Count(total)} secret{(total == 1 ? "" : "s")} masked ({string.Join(", ", rules)})";
    }

    private static string Count(long? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);
}
