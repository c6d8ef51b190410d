using System.Collections.Concurrent;
using Inspect.Kubernetes.Runtime.Controllers;
using Inspect.Kubernetes.Runtime.Queue;

namespace Inspect.Kubernetes.Runtime.Tests;

public sealed class ReconcileLoopTests
{
    [Fact]
    public async Task Failures_are_retried_with_backoff_until_success_and_terminal_errors_are_not()
    {
        using var queue = new WorkQueue<ObjectKey>(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));
        var flaky = new ObjectKey("ns", "flaky");
        var invalid = new ObjectKey("ns", "invalid");
        var attempts = new ConcurrentDictionary<ObjectKey, int>();
        var reconciler = new ScriptedReconciler(key => key == flaky
            ? attempts.AddOrUpdate(key, 1, (_, n) => n + 1) < 3 ? throw new InvalidOperationException("not yet") : ReconcileResult.Done
            : throw new TerminalReconcileException("InvalidSpec", "bad spec"));
        var outcomes = new ConcurrentQueue<ReconcileOutcome>();
        var loop = new ReconcileLoop(queue, reconciler, new ReconcileLoopOptions(Workers: 2));
        loop.Reconciled += outcomes.Enqueue;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = loop.RunAsync(stop.Token);

        queue.Add(flaky);
        queue.Add(invalid);
        while (!outcomes.Any(o => o.Key == flaky && o.Status == ReconcileStatus.Succeeded))
        {
            await Task.Delay(10, stop.Token);
        }

        await Task.Delay(200, stop.Token);
        await stop.CancelAsync();
        await running;

        Assert.Equal(3, outcomes.Count(o => o.Key == flaky));
        Assert.Equal(2, outcomes.Count(o => o.Key == flaky && o.Status == ReconcileStatus.Retrying));
        Assert.Equal(0, queue.Failures(flaky));
        var terminal = Assert.Single(outcomes, o => o.Key == invalid);
        Assert.Equal(ReconcileStatus.Terminal, terminal.Status);
        Assert.Equal(1, reconciler.Calls[invalid]);
    }

    [Fact]
    public async Task One_key_is_never_reconciled_by_two_workers_at_once()
    {
        using var queue = new WorkQueue<ObjectKey>();
        var key = new ObjectKey("ns", "busy");
        var concurrent = 0;
        var maxConcurrent = 0;
        var passes = 0;
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.Done, async () =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref concurrent);
            Interlocked.Increment(ref passes);
        });
        var loop = new ReconcileLoop(queue, reconciler, new ReconcileLoopOptions(Workers: 4));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = loop.RunAsync(stop.Token);
        for (var i = 0; i < 50; i++)
        {
            queue.Add(key);
            await Task.Delay(2, stop.Token);
        }

        await Task.Delay(300, stop.Token);
        await stop.CancelAsync();
        await running;
        Assert.Equal(1, maxConcurrent);
        Assert.InRange(passes, 2, 50);
    }

    [Fact]
    public async Task Requeue_after_brings_the_key_back()
    {
        using var queue = new WorkQueue<ObjectKey>();
        var key = new ObjectKey("ns", "poll");
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.RequeueIn(TimeSpan.FromMilliseconds(30)));
        var loop = new ReconcileLoop(queue, reconciler, new ReconcileLoopOptions(Workers: 1));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = loop.RunAsync(stop.Token);
        queue.Add(key);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        while (reconciler.Calls.GetValueOrDefault(key) < 4 && !limit.IsCancellationRequested)
        {
            await Task.Delay(10, stop.Token);
        }

        Assert.Equal(4, reconciler.Calls.GetValueOrDefault(key));

        await stop.CancelAsync();
        await running;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ScriptedReconciler(Func<ObjectKey, ReconcileResult> script, Func<Task>? during = null) : IReconciler
    {
        public ConcurrentDictionary<ObjectKey, int> Calls { get; } = new();

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (during is not null)
            {
                await during();
            }

            return script(key);
        }
    }
}
