using Inspect.Crds.Policy;

namespace Inspect.Alerts.Policies;

/// <summary>
/// Matches waiting to be written into their policies' status. An alert storm must not become a status-write storm,
/// so the intake only records here and a writer drains the book every second or so, one status update per policy.
/// At most <see cref="MaxRecentMatches"/> records are kept per policy: status shows the latest ones only.
/// </summary>
public sealed class PolicyStatusBook
{
    /// <summary>Records kept per policy, as many as the status field allows.</summary>
    public const int MaxRecentMatches = 20;

    private readonly object _gate = new();
    private Dictionary<PolicyKey, PendingPolicyStatus> _pending = [];

    /// <summary>Notes one match and what the policy did.</summary>
    public void Record(PolicyKey policy, PolicyMatchRecord record, DateTimeOffset decidedAt)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(policy, out var pending))
            {
                _pending[policy] = pending = new PendingPolicyStatus();
            }

            pending.Add(record, decidedAt.UtcDateTime);
        }
    }

    /// <summary>Takes everything recorded since the last call.</summary>
    public IReadOnlyDictionary<PolicyKey, PendingPolicyStatus> Drain()
    {
        lock (_gate)
        {
            var drained = _pending;
            _pending = [];
            return drained;
        }
    }

    /// <summary>Puts back what a failed write took, ahead of anything newer.</summary>
    public void Restore(PolicyKey policy, PendingPolicyStatus pending)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(policy, out var newer))
            {
                pending.Append(newer);
            }

            _pending[policy] = pending;
        }
    }
}

/// <summary>One policy's matches since the last status write.</summary>
public sealed class PendingPolicyStatus
{
    private readonly List<PolicyMatchRecord> _records = [];

    /// <summary>The newest records, newest first, at most <see cref="PolicyStatusBook.MaxRecentMatches"/>.</summary>
    public IReadOnlyList<PolicyMatchRecord> NewestFirst => Enumerable.Reverse(_records).ToList();

    /// <summary>Captures created in this batch.</summary>
    public long CapturesCreated { get; private set; }

    /// <summary>When the newest of them was created.</summary>
    public DateTime? LastCaptureTime { get; private set; }

    internal void Add(PolicyMatchRecord record, DateTime decidedAt)
    {
        if (record.Action == PolicyAction.Created)
        {
            CapturesCreated++;
            LastCaptureTime = decidedAt;
        }

        _records.Add(record);
        if (_records.Count > PolicyStatusBook.MaxRecentMatches)
        {
            _records.RemoveAt(0);
        }
    }

    internal void Append(PendingPolicyStatus newer)
    {
        foreach (var record in newer._records)
        {
            _records.Add(record);
        }

        if (_records.Count > PolicyStatusBook.MaxRecentMatches)
        {
            _records.RemoveRange(0, _records.Count - PolicyStatusBook.MaxRecentMatches);
        }

        CapturesCreated += newer.CapturesCreated;
        LastCaptureTime = newer.LastCaptureTime ?? LastCaptureTime;
    }

    /// <summary>Merges this batch into <paramref name="status"/>: newest matches first, counts added.</summary>
    public V1Alpha1CapturePolicyStatus ApplyTo(V1Alpha1CapturePolicyStatus? status)
    {
        status ??= new V1Alpha1CapturePolicyStatus();
        status.RecentMatches = NewestFirst.Concat(status.RecentMatches ?? []).Take(PolicyStatusBook.MaxRecentMatches).ToList();
        status.CapturesCreated = (status.CapturesCreated ?? 0) + CapturesCreated;
        status.LastCaptureTime = LastCaptureTime ?? status.LastCaptureTime;
        return status;
    }
}
