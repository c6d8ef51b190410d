using System.Globalization;
using Inspect.Analysis.Overview;
using Inspect.Analysis.Summaries;

namespace Inspect.Cli.Output;

/// <summary>
/// The overview as text: the span, then each section with its tiles' totals, and a sparkline of each tile's timeline
/// when writing to a terminal.
/// </summary>
internal static class OverviewText
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    public static void Write(OverviewResult overview, TextWriter o, bool sparklines)
    {
        var seconds = overview.DurationNs / 1e9;
        o.WriteLine($"Overview: {OverviewJson.Rfc3339(overview.StartTimestamp)} to {OverviewJson.Rfc3339(overview.EndTimestamp)} ({seconds.ToString("0.000", CultureInfo.InvariantCulture)}s)");
        var nameWidth = overview.Tiles.Count == 0 ? 0 : overview.Tiles.Max(t => t.Tile.Name.Length);
        var totals = overview.Tiles.ToDictionary(t => t, Total);
        var totalWidth = totals.Count == 0 ? 0 : totals.Values.Max(t => t.Length);
        foreach (var (id, name) in overview.Categories)
        {
            var tiles = overview.Tiles.Where(t => t.Tile.Category == id).ToList();
            if (tiles.Count == 0)
            {
                continue;
            }

            o.WriteLine();
            o.WriteLine(name);
            foreach (var tile in tiles)
            {
                var line = $"  {tile.Tile.Name.PadRight(nameWidth)}  {totals[tile].PadLeft(totalWidth)}";
                o.WriteLine(sparklines ? line + "  " + Sparkline(tile.Timeline) : line);
            }
        }
    }

    /// <summary>Byte tiles read as sizes; averaged tiles (processes, containers, ports) as counts.</summary>
    private static string Total(TileResult tile) =>
        tile.Tile.Name.Contains("Bytes", StringComparison.Ordinal)
            ? SummaryJson.Bytes((long)tile.Total)
            : tile.Total.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Sparkline(IReadOnlyList<TimelinePoint> timeline)
    {
        var max = timeline.Count == 0 ? 0 : timeline.Max(p => p.Value);
        return string.Concat(timeline.Select(p => max <= 0 ? ' ' : Bars[(int)Math.Round(p.Value / max * (Bars.Length - 1))]));
    }
}
