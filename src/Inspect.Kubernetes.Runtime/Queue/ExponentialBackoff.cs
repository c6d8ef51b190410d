namespace Inspect.Kubernetes.Runtime.Queue;

/// <summary>
/// Per-key exponential backoff with jitter: the n-th consecutive failure waits base × 2ⁿ (capped), scaled by a random
/// factor in [0.5, 1.0] so that keys failing together do not retry together.
/// </summary>
public sealed class ExponentialBackoff<TKey>(TimeSpan baseDelay, TimeSpan maxDelay)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Lock _lock = new();

    /// <summary>Records one more failure of <paramref name="key"/> and returns how long to wait before retrying it.</summary>
    public TimeSpan NextDelay(TKey key)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
        }

        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>How many times in a row <paramref name="key"/> has failed.</summary>
    public int Failures(TKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> after it succeeded.</summary>
    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }
}
