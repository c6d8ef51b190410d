namespace Inspect.Analysis.Views;

/// <summary>How a view column folds the values of the events that share a key (csysdig's aggregation).</summary>
public enum ViewAggregation
{
    /// <summary>The value of the first event of the key.</summary>
    None,

    Sum,

    Max,

    /// <summary>Per-second average; for a capture file csysdig shows the whole file as one sample, so this is the sum.</summary>
    TimeAverage,
}

/// <summary>What a column holds, and how csysdig writes it in JSON.</summary>
public enum ViewValueKind
{
    Number,
    Text,

    /// <summary>An IP address written the way csysdig 0.29 writes it (16 bytes from the fd's tuple, as IPv6 text).</summary>
    Address,
}

/// <summary>One column of a view: its title, field, aggregation and csysdig's legend entry.</summary>
public sealed record ViewColumn(string Name, string Field, ViewAggregation Aggregation, ViewValueKind Kind, string LegendType, string LegendFormat, int Size);

/// <summary>
/// A csysdig view, as <c>csysdig --list-views -j</c> and the view chisels describe it, with the container-friendly
/// (<c>-pc</c>) column set: the key, the columns shown, the sorting column (descending), the view's own filter, and
/// the start of the "info" object csysdig prints with the table (everything before its legend).
/// </summary>
public sealed record ViewDefinition(string Id, string Name, string Filter, string KeyField, IReadOnlyList<ViewColumn> Columns, int SortColumn, string InfoHead)
{
    /// <summary>csysdig's "sortingCol": the key counts as column 0.</summary>
    public int CsysdigSortingColumn => SortColumn + 1;
}
