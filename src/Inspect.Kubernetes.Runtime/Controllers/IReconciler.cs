using Inspect.Kubernetes.Runtime.Queue;

namespace Inspect.Kubernetes.Runtime.Controllers;

/// <summary>Brings one object's world in line with its spec. Level-based: every pass re-reads the object by key.</summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
