using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Common;

/// <summary>One requirement of a label selector: a key, an operator and values.</summary>
public sealed class LabelSelectorRequirement
{
    /// <summary>The label key the requirement applies to.</summary>
    [JsonPropertyName("key")]
    [Required]
    [Length(1, 317)]
    public string Key { get; set; } = "";

    /// <summary>How the key relates to the values.</summary>
    [JsonPropertyName("operator")]
    [Required]
    public LabelSelectorOperator Operator { get; set; }

    /// <summary>The values: non-empty for In and NotIn, empty for Exists and DoesNotExist.</summary>
    [JsonPropertyName("values")]
    public IList<string>? Values { get; set; }

    /// <inheritdoc />
    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.In => $"{Key} in ({string.Join(',', Values ?? [])})",
        LabelSelectorOperator.NotIn => $"{Key} notin ({string.Join(',', Values ?? [])})",
        LabelSelectorOperator.Exists => Key,
        _ => $"!{Key}",
    };
}
