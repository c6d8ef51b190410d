using System.Globalization;
using System.Text;
using System.Text.Json;
using Inspect.Scap.Format;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Streaming;

/// <summary>
/// Answers a query as newline-delimited JSON while it reads the capture: <c>{"progress":P,"phase":"read"}</c> lines
/// a few times a second (with <c>"partial":{...}</c>, the result so far, where the query makes one; before them, for a
/// capture being fetched from storage, <c>"phase":"download"</c> lines with <c>"bytes"</c> and <c>"total"</c>), then
/// one <c>{"result":...}</c> line, or one <c>{"error":{"message":...}}</c> line when the capture turns out unreadable.
/// The browser shows the progress bar (and the partial results) from the first lines and the page from the last.
/// </summary>
public static class StreamedResult
{
    /// <summary>
    /// Runs <paramref name="prepare"/> (it finds the capture, fetching it from storage where it is kept there, and
    /// returns its size), then <paramref name="compute"/> on a worker thread; that returns the result's JSON.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, Func<QueryProgress, Task<long>> prepare, Func<QueryProgress, string> compute, ProgressPacing? pacing = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(compute);
        var aborted = http.RequestAborted;
        pacing ??= ProgressPacing.Default;
        var progress = new QueryProgress(aborted, pacing.PartialEvery);
        var preparing = prepare(progress);
        // A capture at hand, or a request refused, answers as before: its status first. The answer starts early only
        // to show a download from storage under way; a failure after that comes as an error line.
        long reportedBytes = -1;
        while (!preparing.IsCompleted)
        {
            await Task.WhenAny(preparing, Task.Delay(pacing.ReportEvery, CancellationToken.None)).ConfigureAwait(false);
            if (!preparing.IsCompleted && progress.Download is { Total: > 0 } download && download.Bytes != reportedBytes)
            {
                // One reading of both, so the line's percentage is that of its bytes.
                (reportedBytes, var total) = (download.Bytes, download.Total);
                var percent = Math.Min(100.0, reportedBytes * 100.0 / total).ToString("0.0", CultureInfo.InvariantCulture);
                Start(http);
                await WriteLine(http, $"{{\"progress\":{percent},\"phase\":\"download\",\"bytes\":{reportedBytes},\"total\":{total}}}", aborted).ConfigureAwait(false);
            }
        }

        long length;
        try
        {
            length = await preparing.ConfigureAwait(false);
        }
        catch (ApiException e) when (http.Response.HasStarted)
        {
            await WriteLine(http, "{\"error\":" + ErrorJson(e.Message, e.Column) + "}", aborted).ConfigureAwait(false);
            return;
        }

        progress.Reading(length);
        Start(http);
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

    private static void Start(HttpContext http)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.ContentType = "application/x-ndjson; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
        }
    }

    private static async Task WriteLine(HttpContext http, string line, CancellationToken aborted)
    {
        await http.Response.WriteAsync(line + "\n", aborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
    }
}
