namespace Inspect.Crds.Common;

/// <summary>API group, version, finalizer and label names shared by the operator, the agent and the CLI.</summary>
public static class InspectNames
{
    /// <summary>The API group of every Inspect resource.</summary>
    public const string Group = "inspect.dev";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>inspect.dev/v1alpha1</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The one finalizer on a Capture: agents stopped, uploads settled, artifacts optionally deleted.</summary>
    public const string CaptureFinalizer = Group + "/capture-cleanup";

    /// <summary>Label on Captures a policy created, naming the policy.</summary>
    public const string PolicyLabel = Group + "/policy";

    /// <summary>Label on agent pods, so the operator finds one per node.</summary>
    public const string AgentLabel = Group + "/agent";

    /// <summary>Label on Captures a policy created, naming the policy's namespace (a policy may target other namespaces).</summary>
    public const string PolicyNamespaceLabel = Group + "/policy-namespace";

    /// <summary>Label on Captures a policy created, naming the alerting pod's uid (for the per-pod cooldown).</summary>
    public const string PodUidLabel = Group + "/pod-uid";
}
