namespace Inspect.Analysis.Overview;

/// <summary>How a tile's samples combine when a timeline is made coarser: added up, or averaged (counts of things present).</summary>
public enum TileAggregation
{
    Sum,
    Average,
}

/// <summary>
/// One tile of Sysdig Inspect's overview page, as the wsysdig_summary chisel describes it: what it counts, where it
/// sits, and the drill-down it leads to.
/// </summary>
/// <param name="Id">The chisel's key for the tile (e.g. <c>fileBytesR</c>), stable across runs.</param>
/// <param name="Name">The tile's title.</param>
/// <param name="Description">What the tile counts.</param>
/// <param name="Category">The overview section: general, file, network, napps, security, performance, logs, infrastructure.</param>
/// <param name="TargetView">The drill-down view (a csysdig view id, or <c>dig</c>/<c>echo</c> for the event and I/O lists).</param>
/// <param name="DrillDownKey">The field the drill-down groups by; <c>NONE</c> or empty when it does not.</param>
public sealed record OverviewTile(string Id, string Name, string Description, string Category, string TargetView, string DrillDownKey)
{
    /// <summary>Title of the drill-down page, when the chisel gives one.</summary>
    public string? TargetViewTitle { get; init; }

    /// <summary>Filter the drill-down applies, when the chisel gives one.</summary>
    public string? TargetViewFilter { get; init; }

    /// <summary>Column the drill-down table sorts by, when the chisel gives one.</summary>
    public int? TargetViewSortingColumn { get; init; }

    /// <summary>The tile is left out of the page when its total is zero.</summary>
    public bool Excludable { get; init; } = true;

    /// <summary>The chisel marks the tile as worth attention when not zero.</summary>
    public bool Noteworthy { get; init; }

    public TileAggregation Aggregation { get; init; } = TileAggregation.Sum;

    /// <summary>The total is the number of distinct things seen over the whole span, not the sum of the samples.</summary>
    public bool CountsDistinct { get; init; }
}
