using Inspect.Scap.Model;

namespace Inspect.Agent.Host.FlightRecorder;

/// <summary>Redaction counts of two parts of one file (a ring's history and the live capture), added per rule name.</summary>
public static class RedactionTotals
{
    /// <summary>
    /// <paramref name="live"/>'s counts plus <paramref name="more"/>, in <paramref name="live"/>'s rule order with the
    /// other rules after; null when the live part was not redacted and the other part masked nothing.
    /// </summary>
    public static RedactionSummary? Combine(RedactionSummary? live, IReadOnlyList<RuleCount> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        if (live is null && more.All(c => c.Count == 0))
        {
            return null;
        }

        var rules = (live?.Rules ?? []).ToList();
        foreach (var count in more)
        {
            var index = rules.FindIndex(r => r.Rule == count.Rule);
            if (index < 0)
            {
                rules.Add(count);
            }
            else
            {
                rules[index] = rules[index] with { Count = rules[index].Count + count.Count };
            }
        }

        return new RedactionSummary(live?.Final ?? true, rules);
    }
}
