namespace Inspect.Crds.Validation;

/// <summary>The object keeps fields the schema does not name (<c>x-kubernetes-preserve-unknown-fields</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
