using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Inspect.Analysis.Overview;

/// <summary>
/// Inspect's own JSON for the overview (documented in docs/overview-json.md): the span, the sections, and one object
/// per tile with its total, largest sample, aggregation, timeline and drill-down.
/// </summary>
public static class OverviewJson
{
    /// <summary>Writes the overview's members into an object the caller has started.</summary>
    public static void WriteMembers(Utf8JsonWriter w, OverviewResult overview, int samples)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(overview);
        w.WriteNumber("startNs", overview.StartTimestamp);
        w.WriteNumber("endNs", overview.EndTimestamp);
        w.WriteNumber("durationNs", overview.DurationNs);
        w.WriteNumber("samples", samples);
        w.WriteStartArray("categories");
        foreach (var (id, name) in overview.Categories)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("containers");
        foreach (var (id, name) in overview.Containers.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            w.WriteString(id, name);
        }

        w.WriteEndObject();
        w.WriteStartArray("tiles");
        foreach (var tile in overview.Tiles)
        {
            Tile(w, tile, overview.StartTimestamp);
        }

        w.WriteEndArray();
    }

    /// <summary>The overview alone, as one JSON object.</summary>
    public static string Write(OverviewResult overview, int samples)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteMembers(w, overview, samples);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Tile(Utf8JsonWriter w, TileResult result, ulong start)
    {
        var tile = result.Tile;
        w.WriteStartObject();
        w.WriteString("id", tile.Id);
        w.WriteString("name", tile.Name);
        w.WriteString("category", tile.Category);
        w.WriteString("description", tile.Description);
        w.WriteNumber("total", result.Total);
        w.WriteNumber("max", result.Max);
        w.WriteString("aggregation", tile.Aggregation == TileAggregation.Average ? "avg" : "sum");
        w.WriteBoolean("noteworthy", tile.Noteworthy);
        w.WriteStartArray("timeline");
        foreach (var point in result.Timeline)
        {
            w.WriteStartObject();
            w.WriteNumber("offsetNs", point.Time >= start ? point.Time - start : 0);
            w.WriteNumber("value", point.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("drillDown");
        w.WriteString("view", tile.TargetView);
        w.WriteString("key", tile.DrillDownKey is "" or "NONE" ? null : tile.DrillDownKey);
        w.WriteString("filter", tile.TargetViewFilter);
        w.WriteString("title", tile.TargetViewTitle);
        if (tile.TargetViewSortingColumn is { } column)
        {
            w.WriteNumber("sortingColumn", column);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A timestamp as RFC 3339 UTC with nanoseconds, for readable output.</summary>
    public static string Rfc3339(ulong ns)
    {
        var seconds = (long)(ns / 1_000_000_000);
        var fraction = ns % 1_000_000_000;
        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
