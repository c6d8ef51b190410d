namespace Inspect.Kubernetes.Runtime.Controllers;

/// <summary>
/// What a reconcile pass asks for next. Returning means success (the key's backoff is reset); throwing means "retry
/// with backoff"; throwing <see cref="TerminalReconcileException"/> means the object can never succeed as it is.
/// </summary>
public sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    /// <summary>Nothing more to do until the object changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Look again after <paramref name="delay"/> (progress polling, TTLs).</summary>
    public static ReconcileResult RequeueIn(TimeSpan delay) => new(delay);
}
