using System.Net;
using Inspect.Alerts.Policies;
using Inspect.Operator.Core.Translation;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Alerts.Kubernetes;

/// <summary>Finds alerting pods through the Kubernetes API.</summary>
public sealed class KubernetesPodDirectory(IKubernetes client) : IPodDirectory
{
    /// <inheritdoc/>
    public async Task<ClusterPod?> FindAsync(string podNamespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return ToClusterPod(await client.CoreV1.ReadNamespacedPodAsync(name, podNamespace, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<ClusterPod?> FindByContainerAsync(string containerId, string? node, CancellationToken cancellationToken)
    {
        // Falco's hostname is the node's name on Kubernetes; look there first, then everywhere (a renamed host).
        if (node is not null)
        {
            var onNode = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (Running(onNode, containerId) is { } pod)
            {
                return pod;
            }
        }

        var all = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Running(all, containerId);
    }

    private static ClusterPod? Running(V1PodList pods, string containerId) =>
        pods.Items.FirstOrDefault(p => ContainerIds(p).Any(id => MatchesContainer(id, containerId))) is { } pod ? ToClusterPod(pod) : null;

    /// <summary>Whether a status id (<c>containerd://3f2a…</c>, 64 hex digits) is the container Falco names by its
    /// 12-digit short id (or in full).</summary>
    public static bool MatchesContainer(string statusId, string falcoId)
    {
        var separator = statusId.IndexOf("://", StringComparison.Ordinal);
        var hex = separator >= 0 ? statusId.AsSpan(separator + 3) : statusId.AsSpan();
        return falcoId.Length >= 12 && hex.StartsWith(falcoId, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> ContainerIds(V1Pod pod) =>
        (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.EphemeralContainerStatuses ?? [])
            .Select(s => s.ContainerID).OfType<string>();

    private static ClusterPod ToClusterPod(V1Pod pod) => new(
        pod.Metadata.NamespaceProperty,
        pod.Metadata.Name,
        pod.Metadata.Uid ?? "",
        pod.Spec?.NodeName,
        pod.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>(),
        (pod.Status?.ContainerStatuses ?? []).Select(s => new ClusterContainer(s.Name, s.ContainerID)).ToList(),
        pod.Status?.Phase);
}
