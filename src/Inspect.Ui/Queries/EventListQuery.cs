using System.Text;
using System.Text.Json;
using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Formatting;
using Inspect.Analysis.Payload;
using Inspect.Scap.Reading;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Queries;

/// <summary>How the I/O streams' bytes are shown, as Sysdig Inspect's echo page offers.</summary>
public enum PayloadRendering
{
    Printable,
    Hex,
    Ascii,
}

/// <summary>
/// The event lists behind a row: its syscalls, one line each as <c>inspect read</c> prints them, and its I/O streams,
/// as <c>inspect payload</c> finds them, rendered printable, hex or ASCII. Both read the capture in order and stop
/// once the page is full, so the first pages of a huge capture come quickly.
/// </summary>
public static class EventListQuery
{
    public static string Syscalls(CaptureQuery query, int offset, int limit, Func<string, ScapReader> open, QueryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(query);
        var format = OutputFormat.Parse(OutputFormat.Default);
        var renderer = new ArgRenderer { MaxBufferLength = 80 };
        var lines = new List<string>();
        var more = ReadPage(query, renderer, open, progress, offset, limit, (ref EventContext ctx) => format.Format(ref ctx), lines.Add);
        return Json(offset, more, w =>
        {
            w.WriteStartArray("lines");
            lines.ForEach(w.WriteStringValue);
            w.WriteEndArray();
        });
    }

    public static string IoStreams(CaptureQuery query, PayloadRendering rendering, int offset, int limit, Func<string, ScapReader> open, QueryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chunks = new List<PayloadChunk>();
        var more = ReadPage(query, null, open, progress, offset, limit, PayloadWriter.Describe, chunks.Add);
        return Json(offset, more, w =>
        {
            w.WriteStartArray("chunks");
            foreach (var chunk in chunks)
            {
                w.WriteStartObject();
                w.WriteString("header", chunk.Header);
                w.WriteString("direction", chunk.IsRead ? "read" : "write");
                w.WriteString("text", rendering switch
                {
                    PayloadRendering.Hex => chunk.Hex(),
                    PayloadRendering.Ascii => chunk.Ascii(),
                    _ => chunk.Printable(),
                });
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private delegate T? Select<T>(ref EventContext ctx);

    // Hands the items from `offset` to `offset + limit` to `take`; true when there are more after them.
    private static bool ReadPage<T>(CaptureQuery query, ArgRenderer? renderer, Func<string, ScapReader> open, QueryProgress progress, int offset, int limit, Select<T> select, Action<T> take)
        where T : class
    {
        var filter = CaptureQuery.Compile(query.CombinedFilter);
        var pipeline = new EventPipeline(filter, renderer) { Window = query.NewWindow(), Progress = progress.Update };
        var seen = 0;
        using var reader = open(query.Capture.FullName);
        progress.Watch("read", reader);
        try
        {
            pipeline.Run(reader, (ref EventContext ctx) =>
            {
                if (select(ref ctx) is not { } item)
                {
                    return;
                }

                if (seen >= offset + limit)
                {
                    throw new PageFull();
                }

                if (seen++ >= offset)
                {
                    take(item);
                }
            });
        }
        catch (PageFull)
        {
            return true;
        }

        return false;
    }

    private static string Json(int offset, bool more, Action<Utf8JsonWriter> items)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("offset", offset);
            w.WriteBoolean("more", more);
            items(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Ends the read once the page is full and one more item shows there are more.
    private sealed class PageFull : Exception;
}
