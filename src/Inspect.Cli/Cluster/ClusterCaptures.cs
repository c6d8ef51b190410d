using System.Net;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using k8s;
using k8s.Autorest;

namespace Inspect.Cli.Cluster;

/// <summary>The Capture calls of the cluster verbs, over the official client's custom-object API.</summary>
internal sealed class ClusterCaptures(IKubernetes client)
{
    private const string Plural = "captures";

    public async Task<V1Alpha1Capture> CreateAsync(string ns, JsonObject manifest, CancellationToken cancellationToken) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(
            manifest, InspectNames.Group, InspectNames.Version, ns, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);

    public Task<V1Alpha1Capture> GetAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, ns, Plural, name, cancellationToken);

    /// <summary>The Capture, or null once it is gone.</summary>
    public async Task<V1Alpha1Capture?> FindAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && ClusterErrors.StatusMessage(e) is not null)
        {
            return null;
        }
    }

    /// <summary>Captures of one namespace, or of all when <paramref name="ns"/> is null.</summary>
    public async Task<IReadOnlyList<V1Alpha1Capture>> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        var list = ns is null
            ? await client.CustomObjects.ListClusterCustomObjectAsync<V1Alpha1CaptureList>(
                InspectNames.Group, InspectNames.Version, Plural, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1CaptureList>(
                InspectNames.Group, InspectNames.Version, ns, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list.Items];
    }

    public Task DeleteAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(InspectNames.Group, InspectNames.Version, ns, Plural, name, cancellationToken: cancellationToken);
}
