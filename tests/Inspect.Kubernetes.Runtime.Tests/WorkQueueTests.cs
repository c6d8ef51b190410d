using Inspect.Kubernetes.Runtime.Queue;

namespace Inspect.Kubernetes.Runtime.Tests;

public sealed class WorkQueueTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");

    [Fact]
    public async Task A_key_added_many_times_is_handed_out_once()
    {
        using var queue = new WorkQueue<ObjectKey>();
        queue.Add(A);
        queue.Add(A);
        queue.Add(B);
        queue.Add(A);
        Assert.Equal(2, queue.Count);
        Assert.Equal(A, await queue.TakeAsync(TestContext.Current.CancellationToken));
        Assert.Equal(B, await queue.TakeAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_in_progress_is_not_handed_to_a_second_worker_but_is_queued_again_when_done()
    {
        using var queue = new WorkQueue<ObjectKey>();
        queue.Add(A);
        var first = await queue.TakeAsync(TestContext.Current.CancellationToken);
        queue.Add(A);
        Assert.Equal(0, queue.Count);

        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(shortWait.Token));

        queue.Done(first);
        Assert.Equal(1, queue.Count);
        Assert.Equal(A, await queue.TakeAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delayed_add_arrives_after_the_delay()
    {
        using var queue = new WorkQueue<ObjectKey>();
        var started = DateTime.UtcNow;
        queue.AddAfter(A, TimeSpan.FromMilliseconds(150));
        Assert.Equal(0, queue.Count);
        Assert.Equal(A, await queue.TakeAsync(TestContext.Current.CancellationToken));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(140));
    }

    [Fact]
    public void Backoff_doubles_per_failure_up_to_the_cap_and_resets_on_forget()
    {
        var backoff = new ExponentialBackoff<ObjectKey>(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(A).TotalMilliseconds).ToArray();
        for (var i = 0; i < delays.Length; i++)
        {
            var full = Math.Min(100 * Math.Pow(2, i), 1000);
            Assert.InRange(delays[i], full / 2, full);
        }

        Assert.Equal(8, backoff.Failures(A));
        Assert.Equal(0, backoff.Failures(B));
        backoff.Forget(A);
        Assert.InRange(backoff.NextDelay(A).TotalMilliseconds, 50, 100);
    }

    [Fact]
    public async Task Shutdown_releases_waiting_workers()
    {
        using var queue = new WorkQueue<ObjectKey>();
        var waiting = queue.TakeAsync(TestContext.Current.CancellationToken);
        queue.ShutDown();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queue.Add(A);
        Assert.Equal(0, queue.Count);
    }
}
