namespace Inspect.Crds.Validation;

/// <summary>Bounds on the number of items of a list or map (OpenAPI <c>minItems</c>/<c>maxItems</c>, or
/// <c>minProperties</c>/<c>maxProperties</c> for maps); -1 leaves a bound out.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute(int min = -1, int max = -1) : Attribute
{
    /// <summary>Fewest items, or -1.</summary>
    public int Min { get; } = min;

    /// <summary>Most items, or -1.</summary>
    public int Max { get; } = max;
}
