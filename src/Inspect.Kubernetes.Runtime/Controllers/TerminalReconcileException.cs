namespace Inspect.Kubernetes.Runtime.Controllers;

/// <summary>The object can never be reconciled as it is (an invalid spec): record it in status, do not retry.</summary>
public sealed class TerminalReconcileException(string reason, string message) : Exception(message)
{
    /// <summary>A CamelCase reason for the status condition.</summary>
    public string Reason { get; } = reason;
}
