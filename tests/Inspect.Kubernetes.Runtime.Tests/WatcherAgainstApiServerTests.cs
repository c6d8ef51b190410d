using System.Collections.Concurrent;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.Runtime.Watching;
using Inspect.Kubernetes.TestServer;
using Inspect.TestSupport;
using k8s;
using k8s.Models;

namespace Inspect.Kubernetes.Runtime.Tests;

/// <summary>The watcher against the API test server (which behaves like kube-apiserver: bookmarks, 410 after compaction).</summary>
public sealed class WatcherAgainstApiServerTests
{
    [Fact]
    public async Task Sees_every_change_and_recovers_from_410_by_relisting()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.ApplyCrdFile(Path.Combine(RepoPaths.RepoRoot, "config", "crd", "inspect.dev_captures.yaml"));
        using var client = server.Client(KubeApiTestServer.AdminToken);
        var captures = new GenericClient(client, InspectNames.Group, InspectNames.Version, "captures");
        var ct = TestContext.Current.CancellationToken;
        await captures.CreateNamespacedAsync(Capture("before-start"), "default", ct);

        // Watches close after a second, so the watcher resumes from its last version again and again.
        var source = new GatedSource(new CustomResourceSource<V1Alpha1Capture>(client, InspectNames.Group, InspectNames.Version, "captures", TimeSpan.FromSeconds(1)));
        var seen = new ConcurrentQueue<string>();
        var watcher = new ResourceWatcher<V1Alpha1Capture>(source, (type, capture) =>
        {
            seen.Enqueue($"{type} {capture.Metadata.Name}");
            return Task.CompletedTask;
        });
        var recovered = new ConcurrentQueue<Exception>();
        watcher.Recovered += recovered.Enqueue;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = watcher.RunAsync(stop.Token);

        await Until(() => seen.Contains("Added before-start"));
        await captures.CreateNamespacedAsync(Capture("during"), "default", ct);
        await Until(() => seen.Contains("Added during"));

        // Hold the watcher between two watches, change things and compact: its version is now too old, the resume
        // gets 410 Gone, and the watcher lists again, seeing what was created meanwhile.
        await source.CloseAsync();
        await captures.CreateNamespacedAsync(Capture("while-away"), "default", ct);
        server.Compact();
        source.Open();
        await Until(() => watcher.Lists >= 2 && seen.Contains("Added while-away"), seen);
        Assert.Contains(recovered, e => e is KubernetesException { Status.Code: 410 });

        await captures.DeleteNamespacedAsync<V1Alpha1Capture>("default", "during", ct);
        await Until(() => seen.Contains("Deleted during"));
        await stop.CancelAsync();
        await running;
        Assert.True(watcher.Lists >= 2, $"the watcher should have relisted after compaction, lists: {watcher.Lists}");
    }

    /// <summary>Lets the test hold the watcher between two watches.</summary>
    private sealed class GatedSource(IListWatchSource<V1Alpha1Capture> inner) : IListWatchSource<V1Alpha1Capture>
    {
        private TaskCompletionSource _open = Opened();
        private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ResourceSnapshot<V1Alpha1Capture>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async IAsyncEnumerable<(WatchEventType Type, V1Alpha1Capture Object)> WatchAsync(
            string resourceVersion,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (!_open.Task.IsCompleted)
            {
                _idle.TrySetResult();
                await _open.Task.WaitAsync(cancellationToken);
            }

            await foreach (var change in inner.WatchAsync(resourceVersion, cancellationToken))
            {
                yield return change;
            }
        }

        /// <summary>Returns once the watcher is waiting at the gate.</summary>
        public Task CloseAsync()
        {
            _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public void Open() => _open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }

    private static V1Alpha1Capture Capture(string name) => new()
    {
        ApiVersion = $"{InspectNames.Group}/{InspectNames.Version}",
        Kind = "Capture",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1Alpha1CaptureSpec { Targets = new CaptureTargets { PodNames = ["web-0"] }, Duration = "30s" },
    };

    private static async Task Until(Func<bool> condition, ConcurrentQueue<string>? log = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out; seen: " + string.Join(" | ", log ?? []));
            await Task.Delay(20);
        }
    }
}
