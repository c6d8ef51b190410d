namespace Inspect.Crds.Validation;

/// <summary>The value the API server fills in when the field is absent (OpenAPI <c>default</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default: a number, string or boolean.</summary>
    public object Value { get; } = value;
}
