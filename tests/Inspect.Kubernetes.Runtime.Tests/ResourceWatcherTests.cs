using System.Runtime.CompilerServices;
using Inspect.Kubernetes.Runtime.Watching;
using k8s;
using k8s.Models;

namespace Inspect.Kubernetes.Runtime.Tests;

public sealed class ResourceWatcherTests
{
    [Fact]
    public async Task Watches_from_the_list_version_resumes_after_a_closed_watch_and_relists_after_410()
    {
        var source = new ScriptedSource();
        source.Lists.Enqueue(new ResourceSnapshot<V1ConfigMap>([Map("a", "10")], "10"));
        source.Watches.Enqueue([(WatchEventType.Modified, Map("a", "11")), (WatchEventType.Bookmark, Map("", "15"))]);
        source.Watches.Enqueue([(WatchEventType.Added, Map("b", "16"))]);
        source.Watches.Enqueue(null); // 410 Gone: the version was compacted away
        source.Lists.Enqueue(new ResourceSnapshot<V1ConfigMap>([Map("a", "20"), Map("b", "21")], "21"));
        source.Watches.Enqueue([(WatchEventType.Deleted, Map("a", "22"))]);

        var seen = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watcher = new ResourceWatcher<V1ConfigMap>(source, (type, map) =>
        {
            seen.Add($"{type} {map.Metadata.Name}@{map.Metadata.ResourceVersion}");
            if (seen.Count == 6)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        });
        var recovered = new List<Exception>();
        watcher.Recovered += recovered.Add;
        await watcher.RunAsync(stop.Token);

        Assert.Equal(["Added a@10", "Modified a@11", "Added b@16", "Added a@20", "Added b@21", "Deleted a@22"], seen);
        Assert.Equal(["10", "15", "16", "21"], source.WatchedFrom);
        Assert.Equal(2, watcher.Lists);
        Assert.Equal("22", watcher.ResourceVersion);
        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(recovered)).Status.Code);
    }

    [Fact]
    public async Task Transient_errors_back_off_and_resume_from_the_last_version()
    {
        var source = new ScriptedSource { FailNextWatches = 2 };
        source.Lists.Enqueue(new ResourceSnapshot<V1ConfigMap>([], "5"));
        source.Watches.Enqueue([(WatchEventType.Added, Map("c", "6"))]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watcher = new ResourceWatcher<V1ConfigMap>(source, (_, _) =>
        {
            stop.Cancel();
            return Task.CompletedTask;
        });
        var recovered = 0;
        watcher.Recovered += _ => recovered++;
        await watcher.RunAsync(stop.Token);
        Assert.Equal(2, recovered);
        Assert.Equal(1, watcher.Lists);
        Assert.Equal(["5", "5", "5"], source.WatchedFrom);
    }

    private static V1ConfigMap Map(string name, string version) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = version } };

    private sealed class ScriptedSource : IListWatchSource<V1ConfigMap>
    {
        public Queue<ResourceSnapshot<V1ConfigMap>> Lists { get; } = new();

        // null stands for a watch the server refuses with 410 Gone.
        public Queue<List<(WatchEventType, V1ConfigMap)>?> Watches { get; } = new();

        public List<string> WatchedFrom { get; } = [];

        public int FailNextWatches { get; set; }

        public Task<ResourceSnapshot<V1ConfigMap>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Lists.Dequeue());

        public async IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Object)> WatchAsync(
            string resourceVersion,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            WatchedFrom.Add(resourceVersion);
            if (FailNextWatches > 0)
            {
                FailNextWatches--;
                throw new HttpRequestException("connection reset");
            }

            if (!Watches.TryDequeue(out var events))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                yield break;
            }

            if (events is null)
            {
                throw new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" });
            }

            foreach (var change in events)
            {
                yield return change;
            }
        }
    }
}
