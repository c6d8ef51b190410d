namespace Inspect.Crds.Validation;

/// <summary>Smallest allowed value of a number (OpenAPI <c>minimum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;

    /// <summary>True when the bound itself is not allowed (<c>exclusiveMinimum</c>).</summary>
    public bool Exclusive { get; init; }
}
