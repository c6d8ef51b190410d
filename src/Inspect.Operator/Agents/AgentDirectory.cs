using k8s;
using k8s.Models;

namespace Inspect.Operator.Agents;

/// <summary>
/// Finds the agents through the API: the agent pods (by label, in the agent namespace) that run, have an IP and are
/// scheduled, one per node. The gRPC port is the pod's container port named <c>grpc</c>, so a pod says itself where
/// it listens; the configured port is the fallback.
/// </summary>
public sealed class AgentDirectory(IKubernetes client, string agentNamespace, string agentSelector, int defaultPort)
{
    /// <summary>The agent of each node that has one.</summary>
    public async Task<IReadOnlyDictionary<string, AgentEndpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(agentNamespace, labelSelector: agentSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return pods.Items
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running"
                        && !string.IsNullOrEmpty(p.Status.PodIP) && !string.IsNullOrEmpty(p.Spec?.NodeName))
            // During a rolling update a node may briefly have two agents: the newest is the one that stays.
            .GroupBy(p => p.Spec.NodeName, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => ToEndpoint(g.OrderByDescending(p => p.Metadata.CreationTimestamp).First()),
                StringComparer.Ordinal);
    }

    private AgentEndpoint ToEndpoint(V1Pod pod)
    {
        var port = pod.Spec.Containers
            .SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == "grpc")?.ContainerPort ?? defaultPort;
        return new AgentEndpoint(pod.Spec.NodeName, pod.Metadata.Name, pod.Status.PodIP, port);
    }
}
