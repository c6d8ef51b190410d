using System.Net;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Operator.Kubernetes;

/// <summary>Typed calls for Capture resources over the official client's custom-object API.</summary>
public sealed class CaptureApi(IKubernetes client)
{
    private const string Plural = "captures";

    /// <summary>The Capture, or null when it does not exist.</summary>
    public async Task<V1Alpha1Capture?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(
                InspectNames.Group, InspectNames.Version, ns, Plural, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every Capture in the cluster.</summary>
    public async Task<IReadOnlyList<V1Alpha1Capture>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<V1Alpha1CaptureList>(
            InspectNames.Group, InspectNames.Version, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list.Items];
    }

    /// <summary>Creates the Capture; the API server's refusal (schema, CEL rules, an existing name) is an HttpOperationException.</summary>
    public Task<V1Alpha1Capture> CreateAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(
            capture, InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces metadata and spec (status is ignored by the main endpoint); 409 when the object changed meanwhile.</summary>
    public Task<V1Alpha1Capture> ReplaceAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return client.CustomObjects.ReplaceNamespacedCustomObjectAsync<V1Alpha1Capture>(
            capture, InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, Plural, capture.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the status through the status subresource; 409 when the object changed meanwhile.</summary>
    public Task<V1Alpha1Capture> ReplaceStatusAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<V1Alpha1Capture>(
            capture, InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, Plural, capture.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes this very Capture (a uid precondition, so a re-created one of the same name is left alone).</summary>
    public async Task DeleteAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, Plural, capture.Metadata.Name,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = capture.Metadata.Uid } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or a new Capture took the name: nothing of ours left to delete.
        }
    }

    /// <summary>True for the 409 the API answers to a write based on a stale resourceVersion.</summary>
    public static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };
}
