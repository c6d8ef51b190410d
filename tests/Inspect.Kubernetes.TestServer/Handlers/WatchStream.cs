using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Storage;
using Inspect.Kubernetes.TestServer.Tables;
using Microsoft.AspNetCore.Http;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>A watch response: newline-delimited <c>{"type":...,"object":...}</c> events, BOOKMARKs when asked for
/// (<c>allowWatchBookmarks</c>), an ERROR event with a 410 Expired Status when the requested resourceVersion was
/// compacted away (as the watch cache answers), and the end after <c>timeoutSeconds</c>.</summary>
public sealed class WatchStream(ResourceService service, TimeSpan bookmarkInterval)
{
    /// <summary>Serves the watch until the client goes, the timeout passes or the server stops.</summary>
    public async Task Serve(HttpContext context, ResourceType type, string? ns, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var asTable = TableConverter.Wanted(context.Request.Headers.Accept.ToString());
        var bookmarks = query["allowWatchBookmarks"].ToString() == "true" && !asTable;
        var sendInitial = query["sendInitialEvents"].ToString() == "true";
        var rvText = query["resourceVersion"].ToString();
        long? since = sendInitial || rvText is "" or "0" ? null : long.Parse(rvText, CultureInfo.InvariantCulture);
        var filter = ResourceService.Filter(type, query["labelSelector"], query["fieldSelector"]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = service.Store.Subscribe(type.Key, type.Namespaced ? ns : null, filter, since);
        }
        catch (ApiException e)
        {
            await Write(context, "ERROR", e.ToStatus(), CancellationToken.None);
            return;
        }

        using (subscription)
        {
            await context.Response.Body.FlushAsync(timeout.Token).ConfigureAwait(false);
            if (sendInitial && service.Store.BookmarkRv(subscription) is { } _)
            {
                await Write(context, "BOOKMARK", Bookmark(type, service.Store.CurrentRv, initialEventsEnd: true), timeout.Token);
            }

            try
            {
                await Pump(context, type, subscription, asTable, bookmarks, query["includeObject"], timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The client went away, the timeout passed, or the server is stopping: the watch ends.
            }
        }
    }

    private async Task Pump(HttpContext context, ResourceType type, WatchSubscription subscription, bool asTable, bool bookmarks, string? includeObject, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
            wait.CancelAfter(bookmarkInterval);
            try
            {
                if (!await subscription.Events.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                if (bookmarks && service.Store.BookmarkRv(subscription) is { } rv)
                {
                    await Write(context, "BOOKMARK", Bookmark(type, rv, false), token);
                }

                continue;
            }

            while (subscription.Events.TryRead(out var e))
            {
                var obj = ResourceService.WithTypeMeta(type, e.Object);
                JsonNode payload = asTable ? TableConverter.Convert(type, [obj], ObjectMeta.ResourceVersion(obj), includeObject) : obj;
                await Write(context, e.Type, payload, token);
            }
        }
    }

    private static JsonObject Bookmark(ResourceType type, long rv, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata };
    }

    private static async Task Write(HttpContext context, string type, JsonNode obj, CancellationToken token)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString(Json.Relaxed) + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), token);
        await context.Response.Body.FlushAsync(token);
    }
}
