using System.Buffers;
using System.Text;
using System.Text.Json;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Overview;
using Inspect.Scap.Reading;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Queries;

/// <summary>
/// The overview page: every tile with its total and timeline, computed as <c>inspect summary --json</c> computes it
/// (a pass for the span, then one analysing pass), and written in the same JSON (docs/overview-json.md). While the
/// analysing pass reads, the tiles' totals so far go out with the progress lines.
/// </summary>
public static class OverviewQuery
{
    public const int DefaultSamples = 20;

    public static string Compute(CaptureQuery query, int samples, Func<string, ScapReader> open, QueryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(progress);
        var path = query.Capture.FullName;
        var filterText = query.CombinedFilter;
        var predicate = CaptureQuery.Compile(filterText);
        CaptureSpan span;
        using (var scan = open(path))
        {
            progress.Watch("span", scan);
            span = CaptureSpan.Measure(scan, query.NewWindow());
        }

        progress.ThrowIfCancelled();
        OverviewBuilder? overview = null;
        var pipeline = new EventPipeline(predicate)
        {
            IncludeInternal = true,
            Window = query.NewWindow(),
            Clock = ts => overview!.Tick(ts),
            Progress = progress.Update,
        };
        overview = new OverviewBuilder(pipeline.Engine, new OverviewOptions
        {
            DurationNs = span.Duration,
            Samples = samples,
            FilterText = filterText.Length == 0 ? null : filterText,
            Filter = predicate,
        });
        progress.Partial = () => PartialJson(overview.PartialTotals());
        using (var reader = open(path))
        {
            progress.Watch("read", reader);
            pipeline.Run(reader, (ref EventContext ctx) => overview.Add(ref ctx));
        }

        return OverviewJson.Write(overview.Build(), samples);
    }

    // The overview so far: each tile's total over the samples read, without timelines.
    private static string PartialJson(IReadOnlyList<PartialTileTotal> totals)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("categories");
            foreach (var (id, name) in OverviewCategories.All)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tiles");
            foreach (var (tile, total) in totals)
            {
                w.WriteStartObject();
                w.WriteString("id", tile.Id);
                w.WriteString("name", tile.Name);
                w.WriteString("category", tile.Category);
                w.WriteNumber("total", total);
                w.WriteBoolean("noteworthy", tile.Noteworthy);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
