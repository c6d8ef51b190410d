using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Kubernetes.Tests.Crds;

/// <summary>A type exercising every mapping of the schema builder.</summary>
[CelRule("self.count >= 0", "count must not be negative")]
public sealed class MappingSample
{
    /// <summary>A string.</summary>
    [JsonPropertyName("text")]
    [Required]
    [Length(1, 10)]
    [Pattern("^[a-z]+$")]
    public string Text { get; set; } = "";

    /// <summary>A flag.</summary>
    [JsonPropertyName("flag")]
    [Default(true)]
    public bool? Flag { get; set; }

    /// <summary>An int.</summary>
    [JsonPropertyName("count")]
    [Minimum(0)]
    [Maximum(10, Exclusive = true)]
    public int Count { get; set; }

    /// <summary>A long.</summary>
    [JsonPropertyName("big")]
    public long? Big { get; set; }

    /// <summary>A double.</summary>
    [JsonPropertyName("ratio")]
    [Minimum(0.5)]
    public double? Ratio { get; set; }

    /// <summary>A time.</summary>
    [JsonPropertyName("when")]
    public DateTime? When { get; set; }

    /// <summary>An enum.</summary>
    [JsonPropertyName("mode")]
    [Default("Slow")]
    public MappingMode? Mode { get; set; }

    /// <summary>A list of strings.</summary>
    [JsonPropertyName("names")]
    [Items(1, 3)]
    public IList<string>? Names { get; set; }

    /// <summary>A map.</summary>
    [JsonPropertyName("labels")]
    [Items(max: 4)]
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>A keyed list of objects.</summary>
    [JsonPropertyName("children")]
    [ListMap("key")]
    public IList<MappingChild>? Children { get; set; }

    /// <summary>A nested object with a property rule.</summary>
    [JsonPropertyName("child")]
    [CelRule("self.key != 'root'", "child.key must not be root", FieldPath = ".key")]
    public MappingChild? Child { get; set; }

    /// <summary>Free-form.</summary>
    [JsonPropertyName("extra")]
    [PreserveUnknownFields]
    [Format("custom")]
    public MappingChild? Extra { get; set; }

    /// <summary>Not serialized.</summary>
    [JsonIgnore]
    public int Hidden { get; set; }
}

/// <summary>A nested type.</summary>
public sealed class MappingChild
{
    /// <summary>The key.</summary>
    [JsonPropertyName("key")]
    [Required]
    public string Key { get; set; } = "";
}

/// <summary>Modes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MappingMode>))]
public enum MappingMode
{
    /// <summary>Slow.</summary>
    Slow,

    /// <summary>Fast, spelled differently on the wire.</summary>
    [JsonStringEnumMemberName("fast-path")]
    Fast,
}
