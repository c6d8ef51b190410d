namespace Inspect.Analysis.Views;

/// <summary>How a column's values are held and compared.</summary>
internal enum ViewCellKind
{
    Integer,
    Real,
    Text,

    /// <summary>An IP address, held as the text csysdig 0.29 prints for it.</summary>
    Address,
}

/// <summary>
/// One column's value for one event, or its running aggregate for one row: a number or a text, with csysdig's count
/// (1 for an extracted value, 0 for a default, the number of values folded for an average).
/// </summary>
public readonly record struct ViewCell(long Integer, double Real, string? Text, uint Count, bool IsNull)
{
    public static ViewCell Null => new(0, 0, null, 0, true);

    public static ViewCell Of(long number) => new(number, 0, null, 1, false);

    public static ViewCell Of(double number) => new(0, number, null, 1, false);

    public static ViewCell Of(string? text) => text is null ? Null : new(0, 0, text, 1, false);

    /// <summary>The default csysdig gives an event without a value (count 0, so averages ignore it).</summary>
    internal static ViewCell Default => new(0, 0, "", 0, false);
}
