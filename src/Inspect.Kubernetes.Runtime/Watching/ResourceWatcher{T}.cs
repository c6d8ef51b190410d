using k8s;
using k8s.Models;

namespace Inspect.Kubernetes.Runtime.Watching;

/// <summary>
/// Keeps a handler informed of every object of one resource: lists, then watches from the list's resourceVersion
/// with bookmarks, resumes a closed watch from the last version seen, lists again when the server answers 410 Gone
/// (the version was compacted away), and backs off with jitter after errors. After each (re)list the handler sees
/// every current object, so a level-based controller can catch up on whatever it missed.
/// </summary>
public sealed class ResourceWatcher<T>(IListWatchSource<T> source, Func<WatchEventType, T, Task> handle)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>How many times the watcher listed from scratch (the first list included).</summary>
    public int Lists { get; private set; }

    /// <summary>The last resourceVersion seen, from an object or a bookmark.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>Raised for every error the watcher recovers from, for logs and metrics.</summary>
    public event Action<Exception>? Recovered;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var relist = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (relist)
                {
                    await ListAsync(stoppingToken).ConfigureAwait(false);
                    relist = false;
                }

                await foreach (var (type, obj) in source.WatchAsync(ResourceVersion!, stoppingToken).ConfigureAwait(false))
                {
                    failures = 0;
                    ResourceVersion = obj.Metadata?.ResourceVersion ?? ResourceVersion;
                    if (type != WatchEventType.Bookmark)
                    {
                        await handle(type, obj).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesException e) when (e.Status?.Code == 410)
            {
                Recovered?.Invoke(e);
                relist = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Recovered?.Invoke(e);
                failures++;
                relist |= IsGone(e);
                await Backoff(failures, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsGone(Exception e) =>
        e is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Gone };

    private static async Task Backoff(int failures, CancellationToken stoppingToken)
    {
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(failures, 10)));
        var delay = exponential < MaxBackoff ? exponential : MaxBackoff;
        try
        {
            await Task.Delay(delay * (0.5 + (Random.Shared.NextDouble() / 2)), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ListAsync(CancellationToken stoppingToken)
    {
        var snapshot = await source.ListAsync(stoppingToken).ConfigureAwait(false);
        Lists++;
        ResourceVersion = snapshot.ResourceVersion;
        foreach (var item in snapshot.Items)
        {
            await handle(WatchEventType.Added, item).ConfigureAwait(false);
        }
    }
}
