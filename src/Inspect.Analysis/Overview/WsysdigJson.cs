using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Inspect.Analysis.Overview;

/// <summary>
/// The document Sysdig Inspect reads from the wsysdig_summary chisel: a list of slices, progress reports and then one
/// slice holding the metrics and the capture info. Numbers are printed as Lua prints them.
/// </summary>
public static class WsysdigJson
{
    public static void Write(OverviewResult overview, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("{\"slices\": [\n");
        foreach (var progress in overview.Progress)
        {
            output.Write("{\"progress\": " + LuaNumber.Format(progress) + " },\n");
        }

        output.Write("{\"progress\": 100, \"data\": ");
        output.Write(Data(overview));
        output.Write("}\n]}\n");
    }

    private static string Data(OverviewResult overview)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("metrics");
            foreach (var tile in overview.Tiles)
            {
                Metric(w, tile);
            }

            w.WriteEndArray();
            w.WriteStartObject("info");
            w.WriteNumber("IndexFormatVersion", 1);
            if (overview.Containers.Count == 0)
            {
                // Lua's JSON encoder writes an empty table as an array.
                w.WriteStartArray("containers");
                w.WriteEndArray();
            }
            else
            {
                w.WriteStartObject("containers");
                foreach (var (id, name) in overview.Containers)
                {
                    w.WriteString(id, name);
                }

                w.WriteEndObject();
            }

            w.WritePropertyName("durationNs");
            w.WriteRawValue(LuaNumber.Format(overview.DurationNs));
            w.WriteString("startTs", overview.StartTimestamp.ToString(CultureInfo.InvariantCulture));
            w.WriteString("endTs", overview.EndTimestamp.ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("categories");
            foreach (var (id, name) in overview.Categories)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Metric(Utf8JsonWriter w, TileResult result)
    {
        var tile = result.Tile;
        w.WriteStartObject();
        w.WriteString("name", tile.Name);
        w.WriteString("desc", tile.Description);
        w.WriteString("category", tile.Category);
        w.WriteString("targetView", tile.TargetView);
        if (tile.TargetViewTitle is { } title)
        {
            w.WriteString("targetViewTitle", title);
        }

        if (tile.TargetViewFilter is { } filter)
        {
            w.WriteString("targetViewFilter", filter);
        }

        if (tile.TargetViewSortingColumn is { } column)
        {
            w.WriteNumber("targetViewSortingCol", column);
        }

        w.WriteString("drillDownKey", tile.DrillDownKey);
        w.WriteStartObject("data");
        Number(w, "tot", result.Total);
        Number(w, "max", result.Max);
        w.WriteStartArray("timeLine");
        foreach (var point in result.Timeline)
        {
            w.WriteStartObject();
            w.WriteString("t", point.Time.ToString(CultureInfo.InvariantCulture));
            Number(w, "v", point.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("excludable", tile.Excludable);
        w.WriteBoolean("noteworthy", tile.Noteworthy);
        w.WriteString("aggregation", tile.Aggregation == TileAggregation.Average ? "avg" : "sum");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(LuaNumber.Format(value));
    }
}
