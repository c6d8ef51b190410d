namespace Inspect.Crds.Common;

/// <summary>The condition types Inspect's resources report.</summary>
public static class ConditionTypes
{
    /// <summary>The capture finished and its artifacts are stored (or the policy is active).</summary>
    public const string Ready = "Ready";

    /// <summary>The capture is being set up, recording or uploading.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Something went wrong: a node failed, bytes were dropped or lost, the spec cannot be carried out.</summary>
    public const string Degraded = "Degraded";
}
