namespace Inspect.Kubernetes.Runtime.Queue;

/// <summary>
/// A queue of keys to reconcile, with the guarantees controllers rely on:
/// a key waiting in the queue is there once however often it is added; a key being processed is never handed to a
/// second worker, and if it is added meanwhile it is queued again when the first worker calls <see cref="Done"/>;
/// keys can be added after a delay or after a per-key exponential backoff.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _ready = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ExponentialBackoff<TKey> _backoff;

    public WorkQueue(TimeSpan? backoffBase = null, TimeSpan? backoffMax = null)
    {
        _backoff = new ExponentialBackoff<TKey>(backoffBase ?? TimeSpan.FromMilliseconds(50), backoffMax ?? TimeSpan.FromMinutes(5));
    }

    /// <summary>Keys waiting to be handed out (not counting keys in progress or delayed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting.</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }

            _ready.Enqueue(key);
        }

        _available.Release();
    }

    /// <summary>Queues <paramref name="key"/> once <paramref name="delay"/> has passed.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = Task.Delay(delay, _shutdown.Token).ContinueWith(
            _ => Add(key),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    /// <summary>Queues <paramref name="key"/> after its backoff, which doubles with every consecutive failure.</summary>
    public void AddRateLimited(TKey key) => AddAfter(key, _backoff.NextDelay(key));

    /// <summary>Resets the backoff of <paramref name="key"/> (after a successful reconcile).</summary>
    public void Forget(TKey key) => _backoff.Forget(key);

    /// <summary>Consecutive failures recorded for <paramref name="key"/>.</summary>
    public int Failures(TKey key) => _backoff.Failures(key);

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> when it has finished with it.</summary>
    /// <exception cref="OperationCanceledException">The queue was shut down or <paramref name="cancellationToken"/> fired.</exception>
    public async Task<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        lock (_lock)
        {
            var key = _ready.Dequeue();
            _dirty.Remove(key);
            _processing.Add(key);
            return key;
        }
    }

    /// <summary>Marks <paramref name="key"/> finished; if it was added while being processed it is queued again.</summary>
    public void Done(TKey key)
    {
        bool requeue;
        lock (_lock)
        {
            _processing.Remove(key);
            requeue = _dirty.Contains(key) && !_shutdown.IsCancellationRequested;
            if (requeue)
            {
                _ready.Enqueue(key);
            }
        }

        if (requeue)
        {
            _available.Release();
        }
    }

    /// <summary>Stops handing out keys; pending delayed adds are dropped.</summary>
    public void ShutDown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        _available.Dispose();
    }
}
