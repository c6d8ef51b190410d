using k8s;
using k8s.Models;

namespace Inspect.Cli.Cluster;

/// <summary>The operator pod serving the web UI and the port it serves it on (its container port named <c>ui</c>).</summary>
public sealed record OperatorUi(string Namespace, string Pod, int Port)
{
    /// <summary>The chart's operator pods.</summary>
    public const string DefaultSelector = "app.kubernetes.io/name=inspect,app.kubernetes.io/component=operator";

    /// <summary>A ready operator pod in <paramref name="ns"/> matching <paramref name="selector"/> that serves the UI.</summary>
    /// <exception cref="InvalidOperationException">None is running, or none serves the UI; the message says which.</exception>
    public static async Task<OperatorUi> FindAsync(IKubernetes client, string ns, string selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (pods.Items.Count == 0)
        {
            throw new InvalidOperationException($"no operator pod in namespace {ns} matches {selector} (is the chart installed there? pass --operator-namespace)");
        }

        var serving = pods.Items
            .Select(p => (Pod: p, Port: p.Spec?.Containers?.SelectMany(c => c.Ports ?? []).FirstOrDefault(port => port.Name == "ui")))
            .Where(p => p.Port is not null)
            .ToList();
        if (serving.Count == 0)
        {
            throw new InvalidOperationException($"the operator in namespace {ns} does not serve the UI: install the chart with operator.ui.enabled=true");
        }

        var ready = serving.FirstOrDefault(p => p.Pod.Status?.Phase == "Running" && IsReady(p.Pod));
        return ready.Pod is null
            ? throw new InvalidOperationException($"no operator pod in namespace {ns} is running and ready ({string.Join(", ", serving.Select(p => $"{p.Pod.Metadata.Name}: {p.Pod.Status?.Phase ?? "no status"}"))})")
            : new OperatorUi(ns, ready.Pod.Metadata.Name, ready.Port!.ContainerPort);
    }

    private static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;
}
