namespace Inspect.Crds.Validation;

/// <summary>Bounds on the length of a string (OpenAPI <c>minLength</c>/<c>maxLength</c>); -1 leaves a bound out.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute(int min = -1, int max = -1) : Attribute
{
    /// <summary>Fewest characters, or -1.</summary>
    public int Min { get; } = min;

    /// <summary>Most characters, or -1.</summary>
    public int Max { get; } = max;
}
