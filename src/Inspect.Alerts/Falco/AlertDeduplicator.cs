namespace Inspect.Alerts.Falco;

/// <summary>
/// Remembers the alerts seen lately, so a retried or fanned-out delivery creates nothing twice. An alert is known by
/// Falcosidekick's <c>uuid</c> when it has one, else by rule + hostname + time + pod (Falco sends no id, and the same
/// event on the same host at the same nanosecond is the same alert). Bounded in both count and age.
/// </summary>
public sealed class AlertDeduplicator
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _seenAt = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long At)> _order = new();
    private readonly int _capacity;
    private readonly long _windowTicks;

    /// <summary>Remembers at most <paramref name="capacity"/> alerts, each for <paramref name="window"/>.</summary>
    public AlertDeduplicator(int capacity = 100_000, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _windowTicks = (window ?? TimeSpan.FromHours(1)).Ticks;
    }

    /// <summary>The identity of <paramref name="alert"/> for de-duplication.</summary>
    public static string KeyOf(FalcoAlert alert) =>
        alert.Uuid is { } uuid
            ? "uuid:" + uuid
            : string.Join('\u001f', "alert", alert.Rule, alert.Hostname, alert.TimeNanoseconds, alert.Namespace, alert.PodName, alert.ContainerId);

    /// <summary><c>true</c> the first time <paramref name="alert"/> is offered within the window, <c>false</c> for a repeat.</summary>
    public bool TryAdmit(FalcoAlert alert, DateTimeOffset now)
    {
        var key = KeyOf(alert);
        lock (_gate)
        {
            Expire(now.UtcTicks);
            if (_seenAt.ContainsKey(key))
            {
                return false;
            }

            _seenAt[key] = now.UtcTicks;
            _order.Enqueue((key, now.UtcTicks));
            return true;
        }
    }

    /// <summary>Forgets <paramref name="alert"/>, when handling it failed and a retry must not count as a repeat.</summary>
    public void Forget(FalcoAlert alert)
    {
        lock (_gate)
        {
            _seenAt.Remove(KeyOf(alert));
        }
    }

    /// <summary>Alerts currently remembered.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seenAt.Count;
            }
        }
    }

    private void Expire(long nowTicks)
    {
        while (_order.Count > 0 && (_order.Count > _capacity - 1 || nowTicks - _order.Peek().At > _windowTicks))
        {
            var (key, at) = _order.Dequeue();
            if (_seenAt.TryGetValue(key, out var seen) && seen == at)
            {
                _seenAt.Remove(key);
            }
        }
    }
}
