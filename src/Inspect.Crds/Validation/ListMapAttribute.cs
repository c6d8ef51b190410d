namespace Inspect.Crds.Validation;

/// <summary>The list is a map keyed by the given fields (<c>x-kubernetes-list-type: map</c> and
/// <c>x-kubernetes-list-map-keys</c>), as Kubernetes conditions are keyed by <c>type</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    /// <summary>The key fields, by their JSON names.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
