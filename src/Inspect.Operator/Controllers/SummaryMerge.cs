using Inspect.Crds.Capture;
using Proto = Inspect.Agent.Protocol.V1;

namespace Inspect.Operator.Controllers;

/// <summary>
/// The Capture's compact summary from its nodes' tiles: events add up, the duration is the longest node's, and each
/// table merges rows of the same name, keeps the largest and caps at what status holds.
/// </summary>
public static class SummaryMerge
{
    private const int MaxRows = 10;
    private const int MaxExecs = 20;

    /// <summary><paramref name="existing"/> (null for none yet) with one more node's tiles added.</summary>
    public static CaptureSummary Add(CaptureSummary? existing, Proto.SummaryTiles tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        existing ??= new CaptureSummary();
        return new CaptureSummary
        {
            Events = (existing.Events ?? 0) + tiles.Events,
            DurationSeconds = Math.Round(Math.Max(existing.DurationSeconds ?? 0, tiles.DurationSeconds), 3),
            TopProcesses = Merge(existing.TopProcesses, tiles.TopProcesses, MaxRows, byBytes: false),
            TopFiles = Merge(existing.TopFiles, tiles.TopFiles, MaxRows, byBytes: true),
            TopConnections = Merge(existing.TopConnections, tiles.TopConnections, MaxRows, byBytes: true),
            Execs = Merge(existing.Execs, tiles.Execs, MaxExecs, byBytes: false),
            Errors = Merge(existing.Errors, tiles.Errors, MaxRows, byBytes: false),
            Findings = existing.Findings,
        };
    }

    private static List<SummaryEntry>? Merge(IList<SummaryEntry>? existing, IEnumerable<Proto.SummaryRow> rows, int max, bool byBytes)
    {
        var merged = (existing ?? [])
            .Select(e => (e.Name, Count: e.Count ?? 0, Bytes: e.Bytes ?? 0))
            .Concat(rows.Select(r => (r.Name, r.Count, r.Bytes)))
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Count: g.Sum(r => r.Count), Bytes: g.Sum(r => r.Bytes)))
            .OrderByDescending(r => byBytes ? r.Bytes : r.Count)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(r => new SummaryEntry { Name = r.Name, Count = byBytes ? null : r.Count, Bytes = byBytes ? r.Bytes : null })
            .ToList();
        return merged.Count == 0 ? null : merged;
    }
}
