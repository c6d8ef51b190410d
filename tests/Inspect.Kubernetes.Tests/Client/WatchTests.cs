using System.Net;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Kubernetes.Tests.Client;

/// <summary>List and watch as an informer does it: bookmarks, resuming from a resourceVersion, 410 Gone after
/// compaction and the relist that recovers, selectors on the watch.</summary>
public sealed class WatchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_resumes_from_a_resource_version_and_sends_bookmarks()
    {
        await using var f = await ServerFixture.StartAsync(new KubeApiTestServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        await f.CreateAsync(ServerFixture.Capture("before"));
        var list = await f.ListAsync();
        var listRv = list.Metadata.ResourceVersion;
        await f.CreateAsync(ServerFixture.Capture("after"));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        var seen = new List<(WatchEventType Type, string Name, string Rv)>();
        await foreach (var (type, capture) in f.Watch(resourceVersion: listRv, allowWatchBookmarks: true, token: cts.Token))
        {
            seen.Add((type, capture.Metadata.Name ?? "", capture.Metadata.ResourceVersion));
            if (type == WatchEventType.Added && capture.Metadata.Name == "after")
            {
                var status = await f.ReadAsync("after");
                status.Status = new V1Alpha1CaptureStatus { Phase = CapturePhase.Running };
                await f.ReplaceStatusAsync(status);
            }

            if (type == WatchEventType.Bookmark && seen.Any(s => s.Type == WatchEventType.Modified))
            {
                break;
            }
        }

        Assert.Equal(("after", WatchEventType.Added), (seen[0].Name, seen[0].Type));
        Assert.DoesNotContain(seen, s => s.Name == "before");
        var modified = seen.Single(s => s.Type == WatchEventType.Modified);
        var bookmark = seen.Last();
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.True(long.Parse(bookmark.Rv, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(modified.Rv, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_is_410_gone_and_a_relist_recovers()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.CreateAsync(ServerFixture.Capture("c1"));
        var oldRv = (await f.ListAsync()).Metadata.ResourceVersion;
        await f.CreateAsync(ServerFixture.Capture("c2"));
        f.Server.Compact();

        Exception? error = null;
        var events = 0;
        await foreach (var _ in f.Watch(resourceVersion: oldRv, onError: e => error = e, token: Token))
        {
            events++;
        }

        var gone = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, gone.Status.Code);
        Assert.Equal("Expired", gone.Status.Reason);
        Assert.StartsWith($"too old resource version: {oldRv} (", gone.Status.Message);
        Assert.Equal(0, events);

        // The informer's answer: list again and watch from the list's version.
        var relist = await f.ListAsync();
        Assert.Equal(2, relist.Items.Count);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        _ = Task.Run(() => f.CreateAsync(ServerFixture.Capture("c3")), Token);
        await foreach (var (type, capture) in f.Watch(resourceVersion: relist.Metadata.ResourceVersion, onError: e => error = e, token: cts.Token))
        {
            Assert.Equal((WatchEventType.Added, "c3"), (type, capture.Metadata.Name));
            break;
        }
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects_and_ends_after_the_timeout()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.CreateAsync(ServerFixture.Capture("a"));
        await f.CreateAsync(ServerFixture.Capture("b"));
        var names = new List<string>();
        await foreach (var (type, capture) in f.Watch(timeoutSeconds: 1, token: Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            names.Add(capture.Metadata.Name);
        }

        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public async Task Watch_with_a_label_selector_sees_objects_enter_and_leave_it()
    {
        await using var f = await ServerFixture.StartAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        var rv = (await f.ListAsync()).Metadata.ResourceVersion;
        var c = await f.CreateAsync(ServerFixture.Capture("c", new Dictionary<string, string> { ["team"] = "web" }));
        c.Metadata.Labels["team"] = "sec";
        c = await f.Captures.ReplaceNamespacedAsync(c, "default", "c", Token);
        c.Metadata.Labels["team"] = "ops";
        await f.Captures.ReplaceNamespacedAsync(c, "default", "c", Token);

        var seen = new List<WatchEventType>();
        await foreach (var (type, _) in f.Watch(resourceVersion: rv, labelSelector: "team=sec", token: cts.Token))
        {
            seen.Add(type);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], seen);
    }

    [Fact]
    public async Task Anonymous_and_unknown_tokens_are_refused_when_authentication_is_required()
    {
        await using var f = await ServerFixture.StartAsync();
        f.Server.Access.RequireAuthentication = true;
        using var anonymous = f.Server.Client();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ListNamespaceAsync(cancellationToken: Token));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Response.StatusCode);
        Assert.NotEmpty((await f.Client.CoreV1.ListNamespaceAsync(cancellationToken: Token)).Items);
    }
}
