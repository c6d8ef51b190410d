using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Common;

/// <summary>A Kubernetes label selector (meta/v1 LabelSelector): the results of matchLabels and matchExpressions are
/// ANDed; an empty selector matches everything.</summary>
public sealed class LabelSelector
{
    /// <summary>Labels that must all be present with exactly these values.</summary>
    [JsonPropertyName("matchLabels")]
    public IDictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Requirements on labels that must all hold.</summary>
    [JsonPropertyName("matchExpressions")]
    [Items(max: 32)]
    public IList<LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>The selector in the query syntax of <c>?labelSelector=</c> (<c>app=web,tier in (a,b)</c>).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var (key, value) in MatchLabels ?? new Dictionary<string, string>())
        {
            parts.Add($"{key}={value}");
        }

        foreach (var requirement in MatchExpressions ?? [])
        {
            parts.Add(requirement.ToString());
        }

        return string.Join(',', parts);
    }
}
