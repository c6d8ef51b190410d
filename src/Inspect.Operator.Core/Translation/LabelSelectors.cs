using Inspect.Crds.Common;

namespace Inspect.Operator.Core.Translation;

/// <summary>Evaluates meta/v1 label selectors against label sets, as the API server does.</summary>
public static class LabelSelectors
{
    /// <summary>True when <paramref name="labels"/> satisfy every matchLabels entry and every matchExpressions
    /// requirement; an empty selector matches everything.</summary>
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var present = labels.TryGetValue(requirement.Key, out var actual);
            var values = requirement.Values ?? [];
            var holds = requirement.Operator switch
            {
                LabelSelectorOperator.In => present && values.Contains(actual!),
                LabelSelectorOperator.NotIn => !present || !values.Contains(actual!),
                LabelSelectorOperator.Exists => present,
                LabelSelectorOperator.DoesNotExist => !present,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
