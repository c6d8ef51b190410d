using Inspect.Operator.Controllers;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inspect.Operator.Hosting;

/// <summary>
/// Runs the controller while this replica holds the coordination.k8s.io Lease (or always, when leader election is
/// off). Losing the Lease stops the controller at once: two leaders must never drive the same agents; the replica
/// then competes for the Lease again. The <see cref="ILeaderTask"/>s (the CapturePolicy status writer) run beside it.
/// </summary>
public sealed class LeaderElectedController(
    IKubernetes client, CaptureController controller, IEnumerable<ILeaderTask> tasks, LeaderElectionSettings settings, Readiness readiness, ILogger<LeaderElectedController> logger)
    : BackgroundService
{
    private readonly IReadOnlyList<ILeaderTask> _tasks = [.. tasks];

    /// <summary>The identity of the leader this replica last saw.</summary>
    public string? Leader { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            readiness.IsLeader = true;
            await Lead(stoppingToken).ConfigureAwait(false);
            return;
        }

        var @lock = new LeaseLock(client, settings.Namespace, settings.Name, settings.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(@lock)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        });
        CancellationTokenSource? leading = null;
        Task running = Task.CompletedTask;
        elector.OnNewLeader += identity =>
        {
            Leader = identity;
            readiness.SeesLeader = true;
        };
        elector.OnError += logger.ElectionError;
        elector.OnStartedLeading += () =>
        {
            readiness.IsLeader = true;
            logger.StartedLeading(settings.Identity, settings.Namespace, settings.Name);
            leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            running = Lead(leading.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            readiness.IsLeader = false;
            readiness.Synced = false;
            logger.StoppedLeading(settings.Identity);
            leading?.Cancel();
        };
        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            leading?.Cancel();
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            leading?.Dispose();
        }
    }

    private Task Lead(CancellationToken cancellationToken) =>
        Task.WhenAll([controller.RunAsync(cancellationToken), .. _tasks.Select(t => t.RunAsync(cancellationToken))]);
}
