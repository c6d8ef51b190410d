using Inspect.Redaction.Rules;
using Inspect.Scap.Model;

namespace Inspect.Redaction;

/// <summary>Secrets masked per rule of a rule set. Not thread-safe: one per redactor.</summary>
public sealed class RedactionCounts(RedactionRuleSet rules)
{
    private readonly long[] _counts = new long[rules.Rules.Count];

    public long this[int rule] => _counts[rule];

    /// <summary>The count of the rule named <paramref name="name"/> (0 for a name not in the set).</summary>
    public long this[string name]
    {
        get
        {
            var index = IndexOf(name);
            return index < 0 ? 0 : _counts[index];
        }
    }

    /// <summary>All rules together; kept as it goes, so a caller may compare it after every event.</summary>
    public long Total { get; private set; }

    internal void Add(int rule)
    {
        _counts[rule]++;
        Total++;
    }

    /// <summary>The counts as the file's metadata stores them.</summary>
    public RedactionSummary ToSummary(bool final) =>
        new(final, rules.Rules.Select((r, i) => new RuleCount(r.Name, _counts[i])).ToArray());

    private int IndexOf(string name)
    {
        for (var i = 0; i < rules.Rules.Count; i++)
        {
            if (rules.Rules[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
