namespace Inspect.Analysis.Overview;

/// <summary>One point of a tile's timeline: the start of a sample and the value counted in it.</summary>
public readonly record struct TimelinePoint(ulong Time, double Value);

/// <summary>A computed tile: its total over the span, its largest sample, and its timeline.</summary>
public sealed record TileResult(OverviewTile Tile, double Total, double Max, IReadOnlyList<TimelinePoint> Timeline);

/// <summary>The overview of a capture (or of a time window of it): the tiles the page shows, in page order.</summary>
/// <param name="Tiles">Tiles the page shows: the fixed ones, and the others that counted something.</param>
/// <param name="Categories">The page's sections that have tiles, in page order.</param>
/// <param name="Containers">Containers seen running, by id, with their names.</param>
/// <param name="StartTimestamp">First event of the span.</param>
/// <param name="EndTimestamp">Last event of the span.</param>
/// <param name="DurationNs">The span's length the samples were cut from.</param>
/// <param name="Progress">Read progress (percent) at the samples where the chisel reports it.</param>
public sealed record OverviewResult(
    IReadOnlyList<TileResult> Tiles,
    IReadOnlyList<(string Id, string Name)> Categories,
    IReadOnlyDictionary<string, string> Containers,
    ulong StartTimestamp,
    ulong EndTimestamp,
    double DurationNs,
    IReadOnlyList<double> Progress);
