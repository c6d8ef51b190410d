namespace Inspect.Crds.Validation;

/// <summary>A CEL validation rule (<c>x-kubernetes-validations</c>). On a class it applies wherever the type is used;
/// on a property it applies to that property's value only. <c>self</c> is the value the rule is attached to.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; it must evaluate to true for the object to be valid.</summary>
    public string Rule { get; } = rule;

    /// <summary>What the API server tells the user when the rule is false.</summary>
    public string Message { get; } = message;

    /// <summary>Optional field path (relative to <c>self</c>, e.g. <c>.targets</c>) the error is reported at.</summary>
    public string? FieldPath { get; init; }
}
