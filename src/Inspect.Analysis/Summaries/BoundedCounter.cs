namespace Inspect.Analysis.Summaries;

/// <summary>
/// Sums per key with bounded memory: when more than <see cref="Capacity"/> keys accumulate, the smaller half is
/// dropped (heavy hitters survive; totals of evicted keys are kept in <see cref="Evicted"/>).
/// </summary>
public sealed class BoundedCounter<TKey>(int capacity = 50_000)
    where TKey : notnull
{
    private readonly Dictionary<TKey, long> _values = [];

    public int Capacity { get; } = capacity;

    /// <summary>Sum of the values of keys dropped to stay within capacity.</summary>
    public long Evicted { get; private set; }

    public int Count => _values.Count;

    public void Add(TKey key, long value)
    {
        _values[key] = _values.GetValueOrDefault(key) + value;
        if (_values.Count > Capacity)
        {
            var keep = _values.OrderByDescending(kv => kv.Value).Take(Capacity / 2).Select(kv => kv.Key).ToHashSet();
            foreach (var k in _values.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                Evicted += _values[k];
                _values.Remove(k);
            }
        }
    }

    public long Get(TKey key) => _values.GetValueOrDefault(key);

    /// <summary>The <paramref name="n"/> largest entries, largest first (ties by key order of insertion).</summary>
    public IReadOnlyList<KeyValuePair<TKey, long>> Top(int n) => [.. _values.OrderByDescending(kv => kv.Value).Take(n)];
}
