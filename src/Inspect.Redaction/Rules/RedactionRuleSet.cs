using System.Buffers;

namespace Inspect.Redaction.Rules;

/// <summary>
/// The rules of one capture, compiled: built-in rules (unless turned off) followed by user rules, with one
/// multi-string prefilter over the anchors of all of them.
/// </summary>
public sealed class RedactionRuleSet
{
    private RedactionRuleSet(IReadOnlyList<RedactionRule> rules)
    {
        Rules = rules;
        var anchors = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var unanchored = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Anchors.Count == 0)
            {
                unanchored.Add(i);
            }

            foreach (var anchor in rules[i].Anchors)
            {
                if (!anchors.TryGetValue(anchor, out var list))
                {
                    anchors[anchor] = list = [];
                }

                list.Add(i);
            }
        }

        AnchorTable = anchors.Select(a => new Anchor(a.Key, a.Value.ToArray())).ToArray();
        Prefilter = AnchorTable.Length > 0 ? SearchValues.Create(AnchorTable.Select(a => a.Text).ToArray(), StringComparison.OrdinalIgnoreCase) : null;
        Unanchored = unanchored.ToArray();
        LongestAnchor = AnchorTable.Length > 0 ? AnchorTable.Max(a => a.Text.Length) : 0;
        var firsts = AnchorTable.SelectMany(a => new[] { char.ToLowerInvariant(a.Text[0]), char.ToUpperInvariant(a.Text[0]) }).Distinct().ToArray();
        AnchorFirstChars = SearchValues.Create(firsts);
    }

    /// <summary>The built-in rules alone.</summary>
    public static RedactionRuleSet BuiltIn { get; } = new(BuiltInRules.All);

    public IReadOnlyList<RedactionRule> Rules { get; }

    /// <summary>Rule names in order, as the counts report them.</summary>
    public IReadOnlyList<string> Names => Rules.Select(r => r.Name).ToArray();

    internal Anchor[] AnchorTable { get; }

    /// <summary>Finds any anchor of any rule, ignoring case; null when no rule has anchors.</summary>
    internal SearchValues<string>? Prefilter { get; }

    /// <summary>The first characters of all anchors, both cases: text without any of them holds no anchor.</summary>
    /// <remarks>
    /// Checked before <see cref="Prefilter"/>: binary and zero-filled payloads, the common case, contain none of them
    /// and are rejected by one vectorised scan, where the multi-string search costs several times more.
    /// </remarks>
    internal SearchValues<char> AnchorFirstChars { get; }

    /// <summary>Length of the longest anchor: how far back into a carried tail an anchor can start and still reach new bytes.</summary>
    internal int LongestAnchor { get; }

    /// <summary>Rules without anchors (user regexes): they run on every buffer.</summary>
    internal int[] Unanchored { get; }

    /// <summary>Builds a rule set; <paramref name="where"/> names the origin of the user rules in errors.</summary>
    /// <exception cref="RedactionRuleException">A user rule is invalid, or two rules share a name.</exception>
    public static RedactionRuleSet Create(bool builtIns, IEnumerable<UserRuleDefinition> userRules, string where)
    {
        var rules = Append(builtIns ? BuiltInRules.All : [], userRules, where);
        if (rules.Count == 0)
        {
            throw new RedactionRuleException($"{where}: built-in rules are off and no rules are given: nothing would be redacted (to record without redaction, turn redaction off instead)");
        }

        return new RedactionRuleSet(rules);
    }

    /// <summary>True when the set holds any built-in rule.</summary>
    public bool HasBuiltIns => Rules.Any(r => r.IsBuiltIn);

    /// <summary>
    /// These rules followed by <paramref name="userRules"/> (already compiled rules are reused); this set itself when
    /// there are none to add.
    /// </summary>
    /// <exception cref="RedactionRuleException">A user rule is invalid, or its name is one of this set's.</exception>
    public RedactionRuleSet With(IEnumerable<UserRuleDefinition> userRules, string where)
    {
        var rules = Append(Rules, userRules, where);
        return rules.Count == Rules.Count ? this : new RedactionRuleSet(rules);
    }

    /// <summary>These rules without the built-in ones; null when none would remain.</summary>
    public RedactionRuleSet? WithoutBuiltIns()
    {
        var rules = Rules.Where(r => !r.IsBuiltIn).ToArray();
        return rules.Length == Rules.Count ? this : rules.Length == 0 ? null : new RedactionRuleSet(rules);
    }

    private static List<RedactionRule> Append(IEnumerable<RedactionRule> first, IEnumerable<UserRuleDefinition> userRules, string where)
    {
        ArgumentNullException.ThrowIfNull(userRules);
        var rules = first.ToList();
        var names = new HashSet<string>(rules.Select(r => r.Name), StringComparer.Ordinal);
        foreach (var definition in userRules)
        {
            var rule = definition.Compile(where);
            if (!names.Add(rule.Name))
            {
                var builtIn = rules.Any(r => r.IsBuiltIn && r.Name == rule.Name);
                throw new RedactionRuleException($"{where}: rule name '{rule.Name}' is used twice{(builtIn ? " (it is a built-in rule)" : "")}");
            }

            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>Built-in rules (unless the file turns them off) plus the rules of a rules file.</summary>
    public static RedactionRuleSet FromFile(string path)
    {
        var file = RuleFile.Load(path);
        return Create(file.BuiltInRules, file.Rules, path);
    }

    /// <summary>An anchor literal and the rules it triggers.</summary>
    internal readonly record struct Anchor(string Text, int[] Rules);
}
