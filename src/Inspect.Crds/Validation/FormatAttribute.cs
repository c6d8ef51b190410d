namespace Inspect.Crds.Validation;

/// <summary>An OpenAPI <c>format</c> for a string or number (date-time, int64, ...). Date and time types get
/// <c>date-time</c> without it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;
}
