namespace Inspect.Crds.Validation;

/// <summary>How a root type is served: its plural, scope, short names and categories. Group, version and kind come
/// from the KubernetesClient <c>KubernetesEntity</c> attribute.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ResourceAttribute(string plural) : Attribute
{
    /// <summary>Lower-case plural used in URLs (<c>captures</c>).</summary>
    public string Plural { get; } = plural;

    /// <summary>True for namespaced resources (the default), false for cluster-scoped ones.</summary>
    public bool Namespaced { get; init; } = true;

    /// <summary>Short names for kubectl (<c>kubectl get cap</c>).</summary>
    public string[] ShortNames { get; init; } = [];

    /// <summary>Categories (<c>kubectl get inspect</c> lists every resource in the category).</summary>
    public string[] Categories { get; init; } = [];
}
