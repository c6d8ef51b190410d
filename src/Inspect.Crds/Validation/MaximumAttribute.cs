namespace Inspect.Crds.Validation;

/// <summary>Largest allowed value of a number (OpenAPI <c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;

    /// <summary>True when the bound itself is not allowed (<c>exclusiveMaximum</c>).</summary>
    public bool Exclusive { get; init; }
}
