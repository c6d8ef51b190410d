using k8s;

namespace Inspect.Kubernetes.Runtime.Watching;

/// <summary>Where a <see cref="ResourceWatcher{T}"/> lists and watches its objects: one resource type, every namespace.</summary>
public interface IListWatchSource<T>
{
    /// <summary>All objects now, with the list's resourceVersion to watch from.</summary>
    Task<ResourceSnapshot<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Changes after <paramref name="resourceVersion"/>, with bookmarks. Ends when the server closes the watch;
    /// throws <see cref="k8s.KubernetesException"/> with status 410 when the version is too old to watch from.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}

/// <summary>The objects of one list call and the resourceVersion it was taken at.</summary>
public sealed record ResourceSnapshot<T>(IReadOnlyList<T> Items, string ResourceVersion);
