using Inspect.Kubernetes.Runtime.Queue;

namespace Inspect.Kubernetes.Runtime.Controllers;

/// <summary>
/// Workers that take keys from a <see cref="WorkQueue{TKey}"/> and reconcile them: one pass per key at a time, a
/// time limit per pass, exponential backoff on failure, and a catch-all so that one bad object cannot stop the loop.
/// </summary>
public sealed class ReconcileLoop(WorkQueue<ObjectKey> queue, IReconciler reconciler, ReconcileLoopOptions options)
{
    /// <summary>Called after every pass, for logs and metrics.</summary>
    public event Action<ReconcileOutcome>? Reconciled;

    /// <summary>Runs <see cref="ReconcileLoopOptions.Workers"/> workers until <paramref name="stoppingToken"/> fires.</summary>
    public Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ObjectKey key;
            try
            {
                key = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not `Reconciled?.Invoke(await ...)`: without a subscriber that would skip the pass itself.
                var outcome = await ReconcileOnceAsync(key, stoppingToken).ConfigureAwait(false);
                Reconciled?.Invoke(outcome);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task<ReconcileOutcome> ReconcileOnceAsync(ObjectKey key, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.PassTimeout);
        try
        {
            var result = await reconciler.ReconcileAsync(key, timeout.Token).ConfigureAwait(false);
            queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                queue.AddAfter(key, delay);
            }

            return new ReconcileOutcome(key, ReconcileStatus.Succeeded, null);
        }
        catch (TerminalReconcileException e)
        {
            queue.Forget(key);
            return new ReconcileOutcome(key, ReconcileStatus.Terminal, e);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Any other failure, a pass that ran out of time included, is retried with backoff.
            queue.AddRateLimited(key);
            return new ReconcileOutcome(key, ReconcileStatus.Retrying, e);
        }
    }
}

/// <summary>How many workers run, and how long one pass may take.</summary>
public sealed record ReconcileLoopOptions(int Workers = 2, TimeSpan PassTimeout = default)
{
    public TimeSpan PassTimeout { get; init; } = PassTimeout == default ? TimeSpan.FromMinutes(1) : PassTimeout;
}

/// <summary>The result of one pass.</summary>
public sealed record ReconcileOutcome(ObjectKey Key, ReconcileStatus Status, Exception? Error);

public enum ReconcileStatus
{
    Succeeded,
    Retrying,
    Terminal,
}
