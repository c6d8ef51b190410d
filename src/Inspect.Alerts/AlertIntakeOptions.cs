namespace Inspect.Alerts;

/// <summary>How the intake treats alerts.</summary>
public sealed record AlertIntakeOptions
{
    /// <summary>
    /// The namespace whose CapturePolicies may match pods in every namespace (the operator's own). A policy elsewhere
    /// matches only pods in its own namespace, so the right to create a policy in a namespace never grants captures of
    /// another's pods.
    /// </summary>
    public string ClusterPolicyNamespace { get; init; } = "inspect-system";
}
