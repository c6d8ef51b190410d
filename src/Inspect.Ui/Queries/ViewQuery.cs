using System.Text;
using System.Text.Json;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.Views;
using Inspect.Scap.Reading;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Queries;

/// <summary>How a view's rows are ordered and which of them a page shows.</summary>
/// <param name="SortColumn">Index of the column to sort by, null for the view's own order.</param>
/// <param name="Reverse">Reverse the column's natural order (numbers descending, texts ascending).</param>
/// <param name="Offset">Index of the page's first row in that order.</param>
/// <param name="Limit">Most rows on the page.</param>
public sealed record ViewPage(int? SortColumn, bool Reverse, int Offset, int Limit);

/// <summary>
/// A drill-down view of a capture, computed as <c>inspect view NAME FILE --drill ... --json</c> computes it, then
/// sorted and cut to one page. The page's table is <c>inspect view --json</c>'s document for those rows; beside it,
/// the cells as the terminal table prints them and the paging numbers.
/// </summary>
public static class ViewQuery
{
    public static ViewResult Compute(ViewDefinition view, CaptureQuery query, Func<string, ScapReader> open, QueryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(progress);
        ViewBuilder builder;
        try
        {
            builder = new ViewBuilder(view, query.CombinedFilter);
        }
        catch (FieldException e)
        {
            throw new ApiException(400, $"view {view.Id}: {e.Message}");
        }

        // As in `inspect view`: the view sees every event, internal ones too, and filters itself.
        var pipeline = new EventPipeline { Window = query.NewWindow(), Progress = progress.Update, IncludeInternal = true, SkipLeadingContainerEvents = true };
        using (var reader = open(query.Capture.FullName))
        {
            progress.Watch("read", reader);
            pipeline.Run(reader, (ref EventContext ctx) => builder.Add(ref ctx));
        }

        return builder.Build(pipeline.Engine, pipeline.Renderer);
    }

    public static string Page(ViewResult result, ViewPage page)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(page);
        var columns = result.View.Columns;
        IEnumerable<ViewRow> rows = result.Rows;
        if (page.SortColumn is { } index)
        {
            if (index < 0 || index >= columns.Count)
            {
                throw new ApiException(400, $"sort {index}: view {result.View.Id} has columns 0 to {columns.Count - 1}");
            }

            var comparer = new ViewRowComparer(columns[index], index);
            rows = result.Rows.Order(page.Reverse ? Comparer<ViewRow>.Create((a, b) => comparer.Compare(b, a)) : comparer);
        }
        else if (page.Reverse)
        {
            rows = result.Rows.Reverse();
        }

        var pageRows = rows.Skip(page.Offset).Take(page.Limit).ToList();
        var table = ViewJson.Inspect(result with { Rows = pageRows });
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("total", result.Rows.Count);
            w.WriteNumber("offset", page.Offset);
            w.WriteNumber("limit", page.Limit);
            w.WriteNumber("sortColumn", page.SortColumn ?? result.View.SortColumn);
            w.WriteBoolean("reverse", page.Reverse);
            w.WriteBoolean("rowsHaveEvents", result.View.DrillDownKeyField is not null);
            w.WriteStartArray("types");
            foreach (var c in columns)
            {
                w.WriteStringValue(c.LegendType);
            }

            w.WriteEndArray();
            w.WritePropertyName("table");
            w.WriteRawValue(table);
            w.WriteStartArray("text");
            foreach (var row in pageRows)
            {
                w.WriteStartArray();
                for (var i = 0; i < columns.Count; i++)
                {
                    w.WriteStringValue(ViewValueText.Text(columns[i], row.Cells[i], result.TimeDeltaNs));
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
