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
        var changes = client.CustomObjects.WatchListClusterCustomObjectAsync(
            group,
            version,
            plural,
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: _timeoutSeconds,
            cancellationToken: cancellationToken);
        await foreach (var (type, body) in changes.ConfigureAwait(false))
        {
            // The client hands custom objects over untyped; the round trip through JSON types them.
            yield return (type, KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(body)));
        }
    }
}
