namespace Inspect.Ui.Streaming;

/// <summary>
/// The last few query results, so paging, sorting and going back do not re-read the capture. Only small results are
/// kept (the caller says how big one is); the capture itself never is.
/// </summary>
public sealed class ResultCache(int capacity = 64, long maxCostPerEntry = 200_000)
{
    private readonly LinkedList<(string Key, object Value)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, object Value)>> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool TryGet<T>(string key, out T value)
        where T : class
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Value is T found)
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = found;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> when its <paramref name="cost"/> (rows, characters) is small enough.</summary>
    public void Add(string key, object value, long cost)
    {
        if (cost > maxCostPerEntry)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
            }

            _entries[key] = _order.AddFirst((key, value));
            while (_entries.Count > capacity)
            {
                _entries.Remove(_order.Last!.Value.Key);
                _order.RemoveLast();
            }
        }
    }
}
