namespace Inspect.Crds.Validation;

/// <summary>The property must be present (OpenAPI <c>required</c> on the enclosing object).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
