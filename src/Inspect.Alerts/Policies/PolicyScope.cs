using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts.Policies;

/// <summary>
/// Which pods a CapturePolicy may capture at all: those of its own namespace, or any pod when the policy lives in the
/// operator's cluster-policy namespace. The right to create a policy in a namespace never grants captures of another
/// namespace's pods.
/// </summary>
public static class PolicyScope
{
    /// <summary>True when <paramref name="policy"/> may capture <paramref name="pod"/>.</summary>
    public static bool MayTarget(V1Alpha1CapturePolicy policy, ClusterPod pod, string clusterPolicyNamespace)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pod);
        return policy.Metadata.NamespaceProperty is { } ns && (ns == pod.Namespace || ns == clusterPolicyNamespace);
    }
}
