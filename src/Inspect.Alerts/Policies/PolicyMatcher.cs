using Inspect.Alerts.Falco;
using Inspect.Analysis.Filtering;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts.Policies;

/// <summary>Whether an alert on a pod meets a policy's <see cref="PolicyMatch"/>: every criterion given must hold.</summary>
public static class PolicyMatcher
{
    /// <summary><c>true</c> when <paramref name="alert"/>, raised on <paramref name="pod"/>, meets <paramref name="match"/>.</summary>
    public static bool Matches(PolicyMatch match, FalcoAlert alert, ClusterPod pod)
    {
        // The CRD requires rules or tags; a policy that somehow has neither matches nothing rather than everything.
        if (match.Rules is not { Count: > 0 } && match.Tags is not { Count: > 0 })
        {
            return false;
        }

        return (match.Rules is not { Count: > 0 } rules || rules.Any(r => Glob.IsMatch(r, alert.Rule)))
            && (match.MinimumPriority is not { } minimum || FalcoPriorities.IsAtLeast(alert.Priority, minimum))
            && (match.Tags is not { Count: > 0 } tags || tags.Any(t => alert.Tags.Contains(t, StringComparer.Ordinal)))
            && (match.Sources is not { Count: > 0 } sources || sources.Contains(alert.Source, StringComparer.Ordinal))
            && (match.Namespaces is not { Count: > 0 } namespaces || namespaces.Contains(pod.Namespace, StringComparer.Ordinal))
            && (match.PodSelector is not { } selector || LabelSelectors.Matches(selector, pod.Labels));
    }
}
