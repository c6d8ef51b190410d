using System.Collections.Concurrent;

namespace Inspect.Operator.Ui;

/// <summary>
/// Answers of TokenReview and SubjectAccessReview kept for a short while, as the API server's own authenticator
/// caches do, so a page's many requests do not each cost a review. Only the answer is kept, under a key the caller
/// chooses (never a token itself).
/// </summary>
public sealed class ReviewCache<T>(TimeSpan lifetime, TimeProvider time, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetOrAddAsync(string key, Func<Task<T>> review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Value;
        }

        var value = await review().ConfigureAwait(false);
        if (_entries.Count >= capacity)
        {
            // Expired answers go first; if all are fresh, start over rather than grow without bound.
            foreach (var old in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(old, out _);
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (value, now + lifetime);
        return value;
    }
}
