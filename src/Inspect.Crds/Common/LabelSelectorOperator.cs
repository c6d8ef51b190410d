using System.Text.Json.Serialization;

namespace Inspect.Crds.Common;

/// <summary>Operators of a label selector requirement.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabelSelectorOperator>))]
public enum LabelSelectorOperator
{
    /// <summary>The label's value is one of the values.</summary>
    In,

    /// <summary>The label is absent or its value is none of the values.</summary>
    NotIn,

    /// <summary>The label is present.</summary>
    Exists,

    /// <summary>The label is absent.</summary>
    DoesNotExist,
}
