namespace Inspect.Kubernetes.Runtime.Queue;

/// <summary>The identity of a namespaced object, the unit of work of a controller (<c>namespace/name</c>).</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";
}
