using Inspect.Crds.Policy;

namespace Inspect.Alerts.Policies;

/// <summary>
/// What one policy created lately, to enforce its limits: cooldown per pod and rule, captures per hour, and captures
/// running at once. Seeded from the Captures that exist (so a restarted operator keeps counting), then kept in memory;
/// callers serialise decisions per policy (see <see cref="AlertIntake"/>).
/// </summary>
internal sealed class PolicyLedger
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly Dictionary<(string PodUid, string Rule), DateTimeOffset> _lastCreated = new();
    private readonly Queue<DateTimeOffset> _createdInLastHour = new();

    /// <summary>Serialises decide-then-create for the policy, so limits hold under a burst.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether the ledger has been seeded from the existing Captures.</summary>
    public bool IsSeeded { get; private set; }

    /// <summary>Records the Captures found in the cluster, once.</summary>
    public void Seed(IEnumerable<PolicyCapture> existing)
    {
        foreach (var capture in existing.OrderBy(c => c.CreatedAt))
        {
            Remember(capture.PodUid, capture.Rule, capture.CreatedAt);
        }

        IsSeeded = true;
    }

    /// <summary>What the limits allow now: <see cref="PolicyAction.Created"/> when a capture may be created.</summary>
    public async ValueTask<PolicyAction> DecideAsync(PolicyLimits? limits, string podUid, string rule, DateTimeOffset now, Func<ValueTask<int>> runningCaptures)
    {
        var cooldown = TimeSpan.FromSeconds(limits?.CooldownSeconds ?? 300);
        var maxPerHour = limits?.MaxPerHour ?? 20;
        var maxConcurrent = limits?.MaxConcurrent ?? 3;

        if (_lastCreated.TryGetValue((podUid, rule), out var last) && now - last < cooldown)
        {
            return PolicyAction.Cooldown;
        }

        while (_createdInLastHour.Count > 0 && now - _createdInLastHour.Peek() >= Hour)
        {
            _createdInLastHour.Dequeue();
        }

        if (_createdInLastHour.Count >= maxPerHour)
        {
            return PolicyAction.RateLimited;
        }

        // Asked last: it is the only check that may cost a look at the cluster.
        return await runningCaptures().ConfigureAwait(false) >= maxConcurrent ? PolicyAction.ConcurrencyLimited : PolicyAction.Created;
    }

    /// <summary>Counts a capture created (or, in a dry run, one that would have been) for the limits.</summary>
    public void Remember(string podUid, string rule, DateTimeOffset at)
    {
        _lastCreated[(podUid, rule)] = at;
        _createdInLastHour.Enqueue(at);

        // Entries older than any cooldown (at most a day) can go; this keeps the map bounded by a day's captures.
        if (_lastCreated.Count > 4096)
        {
            foreach (var stale in _lastCreated.Where(e => at - e.Value > TimeSpan.FromDays(1)).Select(e => e.Key).ToList())
            {
                _lastCreated.Remove(stale);
            }
        }
    }
}
