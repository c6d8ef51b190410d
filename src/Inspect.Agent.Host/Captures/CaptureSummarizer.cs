using Inspect.Agent.Protocol.V1;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Summaries;
using Inspect.Scap.Reading;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// The analysis summary of a recorded file, computed by the same engine as <c>inspect summary</c> in one streaming
/// pass (bounded memory), as JSON for the summary object and as the headline tiles for status.
/// </summary>
public static class CaptureSummarizer
{
    private const int MaxRows = 10;
    private const int MaxExecs = 20;
    private const int MaxNameLength = 512;

    /// <summary>Summarises the uncompressed .scap file at <paramref name="path"/>.</summary>
    public static (string Json, SummaryTiles Tiles) Summarize(string path)
    {
        var builder = new SummaryBuilder();
        using (var reader = new ScapReader(File.OpenRead(path)))
        {
            new EventPipeline { IncludeInternal = true }.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        var summary = builder.Build();
        return (SummaryJson.Write(summary), Tiles(summary));
    }

    /// <summary>The tiles of <paramref name="summary"/>: the top rows of each table, names cut to what status holds.</summary>
    public static SummaryTiles Tiles(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var tiles = new SummaryTiles
        {
            Events = summary.Events,
            DurationSeconds = summary.LastTimestamp > summary.FirstTimestamp ? (summary.LastTimestamp - summary.FirstTimestamp) / 1e9 : 0,
        };
        tiles.TopProcesses.AddRange(summary.TopProcessesBySyscalls.Take(MaxRows).Select(p => Row($"{p.Name} ({p.Pid})", count: p.Value)));
        tiles.TopFiles.AddRange(summary.TopFiles.Take(MaxRows).Select(f => Row(f.Name, bytes: f.Bytes)));
        tiles.TopConnections.AddRange(summary.TopConnections.Take(MaxRows).Select(c => Row($"{c.Protocol} {c.Connection}", bytes: c.Bytes)));
        tiles.Execs.AddRange(summary.NewProcesses
            .GroupBy(p => p.CommandLine, StringComparer.Ordinal)
            .Take(MaxExecs)
            .Select(g => Row(g.Key, count: g.Count())));
        tiles.Errors.AddRange(summary.FailedSyscalls.Take(MaxRows).Select(e => Row(e.Error, count: e.Count)));
        return tiles;
    }

    private static SummaryRow Row(string name, long count = 0, long bytes = 0) => new()
    {
        Name = name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "…",
        Count = count,
        Bytes = bytes,
    };
}
