using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inspect.Alerts.Policies;
using Inspect.Crds.Capture;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;

namespace Inspect.Operator.FlightRecorder;

/// <summary>
/// Which flight-recorder rings the cluster needs, as a pure function of the CapturePolicies and the pods: every
/// policy whose Capture template asks for <c>preTrigger</c> (and is not a dry run, which never captures) gets one ring
/// on each node that runs pods it may match (its namespace rules, <c>match.namespaces</c>, <c>match.podSelector</c>),
/// recording exactly those pods. A ring targets pods by their pod cgroup, so a container that restarts inside a pod
/// stays recorded without re-arming; a pod that appears, leaves or is replaced changes the ring's fingerprint.
/// </summary>
public static class RingPlanner
{
    /// <summary>The rings wanted now, ordered by node and id.</summary>
    public static IReadOnlyList<PlannedRing> Plan(
        IReadOnlyList<V1Alpha1CapturePolicy> policies, IReadOnlyList<ClusterPod> pods, string clusterPolicyNamespace, long ringMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(pods);
        var running = pods.Where(p => p.Phase == "Running" && !string.IsNullOrEmpty(p.NodeName) && p.Uid.Length > 0).ToList();
        var rings = new List<PlannedRing>();
        foreach (var policy in policies)
        {
            if (PreTrigger(policy) is not { } preTrigger || policy.Metadata.NamespaceProperty is not { } ns)
            {
                continue;
            }

            var key = new PolicyKey(ns, policy.Metadata.Name);
            var wholeNode = policy.Spec.Template.Scope == CaptureScope.Node;
            var window = FlightRecorderWindow.RingWindow(preTrigger);
            var watched = running.Where(p => PolicyScope.MayTarget(policy, p, clusterPolicyNamespace) && Watches(policy.Spec.Match, p));
            foreach (var onNode in watched.GroupBy(p => p.NodeName!, StringComparer.Ordinal))
            {
                var podNames = onNode.Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal).ToList();
                IReadOnlyList<string> hints = wholeNode
                    ? []
                    : [.. onNode.SelectMany(p => new[] { "pod" + p.Uid, "pod" + p.Uid.Replace('-', '_') }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                var id = $"{PlannedRing.IdPrefix}{key.Namespace}/{key.Name}/{Fingerprint(wholeNode, hints, window, ringMaxBytes)}";
                rings.Add(new PlannedRing(onNode.Key, key, id, wholeNode, hints, window, ringMaxBytes, podNames));
            }
        }

        return [.. rings.OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.RingId, StringComparer.Ordinal)];
    }

    /// <summary>The policy template's <c>preTrigger</c> when it asks for one and the policy may create captures.</summary>
    public static TimeSpan? PreTrigger(V1Alpha1CapturePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Spec.DryRun != true
               && Durations.TryParse(policy.Spec.Template.Spec.PreTrigger, out var preTrigger)
               && preTrigger > TimeSpan.Zero
            ? preTrigger
            : null;
    }

    // The pod criteria of a policy's match; the alert criteria (rules, tags, priority, source) are unknown until an
    // alert arrives, so every pod that an alert could name is watched.
    private static bool Watches(PolicyMatch match, ClusterPod pod) =>
        (match.Namespaces is not { Count: > 0 } namespaces || namespaces.Contains(pod.Namespace, StringComparer.Ordinal))
        && (match.PodSelector is not { } selector || LabelSelectors.Matches(selector, pod.Labels));

    private static string Fingerprint(bool wholeNode, IReadOnlyList<string> hints, TimeSpan window, long maxBytes)
    {
        var text = string.Join('\n', [wholeNode ? "node" : "pods", window.Ticks.ToString(CultureInfo.InvariantCulture), maxBytes.ToString(CultureInfo.InvariantCulture), .. hints]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
