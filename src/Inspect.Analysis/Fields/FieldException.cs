namespace Inspect.Analysis.Fields;

/// <summary>A field name or argument is not valid.</summary>
public sealed class FieldException(string message) : Exception(message);
