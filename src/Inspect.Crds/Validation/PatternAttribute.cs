namespace Inspect.Crds.Validation;

/// <summary>A regular expression a string must match (OpenAPI <c>pattern</c>). Kubernetes evaluates it with Go's RE2,
/// so no look-arounds or back-references.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    /// <summary>The expression.</summary>
    public string Regex { get; } = regex;
}
