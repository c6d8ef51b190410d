using Inspect.Alerts.Kubernetes;
using Inspect.Operator.Hosting;

namespace Inspect.Operator.Webhook;

/// <summary>Writes the CapturePolicies' recent matches into their status, under the leader only, so two replicas
/// never race on the same status.</summary>
public sealed class PolicyStatusLoop(PolicyStatusWriter writer, WebhookSettings settings) : ILeaderTask
{
    public Task RunAsync(CancellationToken cancellationToken) => writer.RunAsync(settings.PolicyStatusInterval, cancellationToken);
}
