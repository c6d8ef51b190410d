namespace Inspect.Analysis.Filtering;

/// <summary>A filter that cannot be parsed or compiled; <see cref="Column"/> is 1-based in the filter text.</summary>
public sealed class FilterException(string message, int column) : Exception($"column {column}: {message}")
{
    public int Column { get; } = column;

    /// <summary>The message without the column prefix.</summary>
    public string Reason { get; } = message;
}
