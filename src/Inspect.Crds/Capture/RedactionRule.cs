using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>A user redaction rule: a name and either a regular expression or a literal string.</summary>
[CelRule("has(self.regex) != has(self.literal)", "exactly one of regex and literal must be set")]
public sealed class RedactionRule
{
    /// <summary>How the rule is reported in the redaction counts.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    public string Name { get; set; } = "";

    /// <summary>A .NET regular expression; every match is masked (put context that must stay visible in lookarounds).</summary>
    [JsonPropertyName("regex")]
    [Length(1, 1024)]
    public string? Regex { get; set; }

    /// <summary>A string masked wherever it occurs.</summary>
    [JsonPropertyName("literal")]
    [Length(1, 1024)]
    public string? Literal { get; set; }
}
