using System.Globalization;
using System.Text;
using System.Text.Json;
using Inspect.Scap.Format;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Streaming;

/// <summary>
/// Answers a query as newline-delimited JSON while it reads the capture: <c>{"progress":P,"phase":"read"}</c> lines
/// a few times a second (with <c>"partial":{...}</c>, the result so far, where the query makes one), then one
/// <c>{"result":...}</c> line, or one <c>{"error":{"message":...}}</c> line when the capture turns out unreadable.
/// The browser shows the progress bar (and the partial results) from the first lines and the page from the last.
/// </summary>
public static class StreamedResult
{
    /// <summary>Runs <paramref name="compute"/> on a worker thread; it returns the result's JSON.</summary>
    public static async Task WriteAsync(HttpContext http, long fileLength, Func<QueryProgress, string> compute, ProgressPacing? pacing = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(compute);
        var aborted = http.RequestAborted;
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        pacing ??= ProgressPacing.Default;
        var progress = new QueryProgress(fileLength, aborted, pacing.PartialEvery);
        var work = Task.Factory.StartNew(() => compute(progress), aborted, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        double reported = -1;
        while (!work.IsCompleted)
        {
            // Not cancelled with the request: an aborted request ends at the next write, and the read at its next check.
            await Task.WhenAny(work, Task.Delay(pacing.ReportEvery, CancellationToken.None)).ConfigureAwait(false);
            var partial = work.IsCompleted ? null : progress.TakePartial();
            if (!work.IsCompleted && (progress.Percent != reported || partial is not null))
            {
                reported = progress.Percent;
                var members = $"\"progress\":{reported.ToString("0.0", CultureInfo.InvariantCulture)},\"phase\":\"{progress.Phase}\"";
                await WriteLine(http, partial is null ? "{" + members + "}" : "{" + members + ",\"partial\":" + partial + "}", aborted).ConfigureAwait(false);
            }
        }

        string line;
        try
        {
            line = "{\"result\":" + await work.ConfigureAwait(false) + "}";
        }
        catch (Exception e) when (e is ApiException or ScapFormatException or InvalidDataException or IOException or UnauthorizedAccessException or Analysis.Fields.FieldException)
        {
            line = "{\"error\":" + ErrorJson(e.Message, (e as ApiException)?.Column) + "}";
        }

        await WriteLine(http, line, aborted).ConfigureAwait(false);
    }

    /// <summary>An error as the API reports it: its message, and the filter column when it is a filter error.</summary>
    public static string ErrorJson(string message, int? column)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            if (column is { } c)
            {
                w.WriteNumber("column", c);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task WriteLine(HttpContext http, string line, CancellationToken aborted)
    {
        await http.Response.WriteAsync(line + "\n", aborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
    }
}
