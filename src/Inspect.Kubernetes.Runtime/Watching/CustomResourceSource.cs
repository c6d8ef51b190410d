using System.Runtime.CompilerServices;
using k8s;

namespace Inspect.Kubernetes.Runtime.Watching;

/// <summary>Lists and watches one custom resource across all namespaces through the official client.</summary>
public sealed class CustomResourceSource<T>(IKubernetes client, string group, string version, string plural, TimeSpan? watchTimeout = null)
    : IListWatchSource<T>
{
    // The server closes each watch after this long; the watcher then resumes from its last resourceVersion.
    private readonly int _timeoutSeconds = (int)(watchTimeout ?? TimeSpan.FromMinutes(5)).TotalSeconds;

    public async Task<ResourceSnapshot<T>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CustomResourceList<T>>(
            group, version, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ResourceSnapshot<T>([.. response.Body.Items], response.Body.Metadata.ResourceVersion ?? "");
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The client reports ERROR events (such as 410 Gone) through a callback and carries on; surface them as exceptions
        // so the watcher can list again instead of resuming from a version the server no longer has.
        Exception? watchError = null;
        var changes = client.CustomObjects.WatchListClusterCustomObjectAsync(
            group,
            version,
            plural,
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: _timeoutSeconds,
            onError: e => watchError ??= e,
            cancellationToken: cancellationToken);
        await using var enumerator = changes.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
            {
                // The client reads ahead for the first line and fails when the server closes a watch that had
                // nothing to report (its timeout passed quietly): that is an ordinary end of the watch.
                yield break;
            }

            if (watchError is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(watchError);
            }

            if (!more)
            {
                yield break;
            }

            // The client hands custom objects over untyped; the round trip through JSON types them.
            var (type, body) = enumerator.Current;
            yield return (type, KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(body)));
        }
    }
}
