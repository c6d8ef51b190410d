using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.Runtime.Controllers;
using Inspect.Kubernetes.Runtime.Queue;
using Inspect.Kubernetes.Runtime.Watching;
using Inspect.Operator.Hosting;
using Inspect.Operator.Metrics;
using k8s;
using Microsoft.Extensions.Logging;

namespace Inspect.Operator.Controllers;

/// <summary>
/// The Capture controller: list+watch every Capture (bookmarks, 410 relists) into a keyed work queue, and reconcile
/// keys with a few workers. Runs only while this replica leads.
/// </summary>
public sealed class CaptureController(IKubernetes client, CaptureReconciler reconciler, OperatorMetrics metrics, Readiness readiness, ILogger<CaptureController> logger)
{
    /// <summary>Workers reconciling different Captures at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Watches and reconciles until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var queue = new WorkQueue<ObjectKey>();
        var source = new CustomResourceSource<V1Alpha1Capture>(client, InspectNames.Group, InspectNames.Version, "captures");
        var watcher = new ResourceWatcher<V1Alpha1Capture>(source, (_, capture) =>
        {
            readiness.Synced = true;
            queue.Add(new ObjectKey(capture.Metadata.NamespaceProperty, capture.Metadata.Name));
            return Task.CompletedTask;
        });
        var loop = new ReconcileLoop(queue, reconciler, new ReconcileLoopOptions(Workers));
        loop.Reconciled += metrics.Reconciled;
        loop.Reconciled += Log;
        watcher.Recovered += logger.WatchRecovered;
        var watching = watcher.RunAsync(stoppingToken);
        var reconciling = loop.RunAsync(stoppingToken);
        // An empty cluster produces no event to mark the cache synced: the first successful list does.
        _ = MarkSyncedAfterFirstList(watcher, stoppingToken);
        await Task.WhenAll(watching, reconciling).ConfigureAwait(false);
        queue.ShutDown();
    }

    private void Log(ReconcileOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ReconcileStatus.Retrying:
                logger.ReconcileRetrying(outcome.Error!, outcome.Key);
                break;
            case ReconcileStatus.Terminal:
                logger.ReconcileTerminal(outcome.Error!, outcome.Key);
                break;
            default:
                logger.Reconciled(outcome.Key);
                break;
        }
    }

    private async Task MarkSyncedAfterFirstList(ResourceWatcher<V1Alpha1Capture> watcher, CancellationToken stoppingToken)
    {
        while (watcher.Lists == 0 && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        }

        readiness.Synced = watcher.Lists > 0;
    }
}
