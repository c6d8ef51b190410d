using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts.Policies;

/// <summary>Finds the pod an alert is about.</summary>
public interface IPodDirectory
{
    /// <summary>The pod <paramref name="name"/> in <paramref name="podNamespace"/>, or <c>null</c>.</summary>
    Task<ClusterPod?> FindAsync(string podNamespace, string name, CancellationToken cancellationToken);

    /// <summary>The pod running the container whose id starts with <paramref name="containerId"/> (Falco sends the
    /// 12-digit short id), preferring pods on <paramref name="node"/> when given, or <c>null</c>.</summary>
    Task<ClusterPod?> FindByContainerAsync(string containerId, string? node, CancellationToken cancellationToken);
}
