namespace Inspect.Analysis.Views;

/// <summary>How a view column folds the values of the events that share a key (csysdig's aggregations).</summary>
public enum ViewAggregation
{
    /// <summary>The value of the first event of the key.</summary>
    None,

    Sum,

    /// <summary>Sum of the values and of their counts; the value shown is the sum divided by the count.</summary>
    Average,

    /// <summary>The largest number; for text, the latest value (as csysdig does).</summary>
    Max,

    /// <summary>Per-second average: summed like <see cref="Sum"/>; csysdig divides by the capture's length only in its text output.</summary>
    TimeAverage,
}

/// <summary>The part a column plays in a view.</summary>
public enum ViewColumnRole
{
    /// <summary>A column shown in the table.</summary>
    Value,

    /// <summary>The per-event key rows are aggregated by (hidden).</summary>
    Key,

    /// <summary>The key the keyed rows are merged by in a second step (hidden), e.g. threads into processes.</summary>
    GroupByKey,
}

/// <summary>
/// One column of a view: its title, field, aggregation (and the one used when rows are merged by the group-by key),
/// and the legend entry csysdig prints (value type, print format, width).
/// </summary>
public sealed record ViewColumn(
    string Name,
    string Field,
    ViewAggregation Aggregation,
    string LegendType,
    string LegendFormat,
    int Size,
    ViewColumnRole Role = ViewColumnRole.Value,
    ViewAggregation GroupByAggregation = ViewAggregation.None)
{
    /// <summary>A hidden key column.</summary>
    public static ViewColumn KeyOf(string field, string legendType, string legendFormat) =>
        new("NA", field, ViewAggregation.None, legendType, legendFormat, 0, ViewColumnRole.Key);

    /// <summary>A hidden group-by key column.</summary>
    public static ViewColumn GroupBy(string field, string legendType, string legendFormat) =>
        new("NA", field, ViewAggregation.None, legendType, legendFormat, 0, ViewColumnRole.GroupByKey);

    internal ViewCellKind Kind => LegendType switch
    {
        "CHARBUF" => ViewCellKind.Text,
        "DOUBLE" => ViewCellKind.Real,
        "IPADDR" => ViewCellKind.Address,
        _ => ViewCellKind.Integer,
    };

    /// <summary>
    /// The value csysdig's <c>use_defaults</c> gives an event that has no value for this column: 0 for decimal
    /// numbers, an empty text; null (the event is skipped) for ids, ports and addresses.
    /// </summary>
    internal bool HasDefault => Kind switch
    {
        ViewCellKind.Text or ViewCellKind.Real => true,
        ViewCellKind.Integer => LegendFormat == "DEC" && LegendType is not "PORT",
        _ => false,
    };
}

/// <summary>A table aggregates events by key; a list has one row per event, in event order.</summary>
public enum ViewKind
{
    Table,
    List,
}

/// <summary>
/// A csysdig view, as the view chisels of sysdig 0.29.3 define it, with the container-friendly (<c>-pc</c>) column
/// set: its columns in definition order (keys included), the sorting column, its filter, whether events without a
/// value get defaults, the view a row drills down to (and that view's filter), and the drill-down origins it accepts
/// (csysdig's appliesTo).
/// </summary>
public sealed record ViewDefinition(
    string Id,
    string Name,
    ViewKind Kind,
    string Filter,
    IReadOnlyList<ViewColumn> AllColumns,
    bool UseDefaults,
    string DrilldownTarget,
    string DrilldownTargetFilter,
    IReadOnlyList<string> AppliesTo)
{
    /// <summary>The shown columns, in order.</summary>
    public IReadOnlyList<ViewColumn> Columns { get; } = [.. AllColumns.Where(c => c.Role == ViewColumnRole.Value)];

    /// <summary>Index in <see cref="Columns"/> of the column rows are sorted by (descending for numbers, ascending for text).</summary>
    public int SortColumn { get; init; }

    /// <summary>csysdig's "sortingCol": the key counts as column 0.</summary>
    public int CsysdigSortingColumn => SortColumn + 1;

    public ViewColumn? KeyColumn => AllColumns.FirstOrDefault(c => c.Role == ViewColumnRole.Key);

    public ViewColumn? GroupByColumn => AllColumns.FirstOrDefault(c => c.Role == ViewColumnRole.GroupByKey);

    /// <summary>The field a selected row's key is matched against when drilling down (the group-by key when there is one).</summary>
    public string? DrillDownKeyField => Kind == ViewKind.List ? null : (GroupByColumn ?? KeyColumn)?.Field;
}
