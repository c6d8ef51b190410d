using Inspect.Crds.Capture;
using Inspect.Operator.Core.Translation;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Kubernetes;

/// <summary>Reads the snapshot of the cluster the translator needs: pods, namespaces, nodes, and the captures running
/// elsewhere (for the concurrency limits).</summary>
public sealed class ClusterViewReader(IKubernetes client, CaptureApi captures)
{
    /// <summary>The cluster now, seen from <paramref name="capture"/> (which is not counted as running).</summary>
    public async Task<ClusterView> ReadAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var others = (await captures.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.Metadata.Uid != capture.Metadata.Uid && c.Status?.Phase is CapturePhase.Running or CapturePhase.Uploading)
            .ToList();
        var perNode = others
            .SelectMany(c => c.Status?.Nodes ?? [])
            .Where(n => n.Phase is NodePhase.Pending or NodePhase.Capturing or NodePhase.Uploading)
            .GroupBy(n => n.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ClusterView
        {
            Pods = [.. pods.Items.Select(ToPod)],
            Namespaces = [.. namespaces.Items.Select(n => new ClusterNamespace(n.Metadata.Name, Labels(n.Metadata)))],
            Nodes = [.. nodes.Items.Select(n => new ClusterNode(n.Metadata.Name, Labels(n.Metadata)))],
            ActiveCapturesPerNode = perNode,
            ActiveCapturesInCluster = others.Count,
        };
    }

    /// <summary>A pod as the translator and the ring planner see it.</summary>
    public static ClusterPod ToPod(V1Pod pod) => new(
        pod.Metadata.NamespaceProperty,
        pod.Metadata.Name,
        pod.Metadata.Uid ?? "",
        pod.Spec?.NodeName,
        Labels(pod.Metadata),
        [.. (pod.Status?.ContainerStatuses ?? []).Select(c => new ClusterContainer(c.Name, c.ContainerID))],
        pod.Status?.Phase);

    private static Dictionary<string, string> Labels(V1ObjectMeta meta) =>
        new(meta.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
}
