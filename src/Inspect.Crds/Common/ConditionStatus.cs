using System.Text.Json.Serialization;

namespace Inspect.Crds.Common;

/// <summary>The status of a condition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>Not known yet.</summary>
    Unknown,
}
