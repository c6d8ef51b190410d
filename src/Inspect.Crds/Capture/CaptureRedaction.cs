using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>
/// Masking of secrets before bytes reach disk: matched bytes become '*' of the same length, so files stay readable.
/// On by default with the built-in rules (HTTP Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Api-Key
/// values; password=, token=, secret=, api_key= pairs; --password options; AWS keys; JWTs; bearer tokens; PEM
/// private keys), in I/O payloads, execve arguments and environments, and the process table.
/// </summary>
[CelRule("(has(self.enabled) && !self.enabled) || !has(self.builtInRules) || self.builtInRules || (has(self.rules) && size(self.rules) > 0)",
    "builtInRules: false needs at least one rule (to record without redaction, set enabled: false)")]
public sealed class CaptureRedaction
{
    /// <summary>Redact the capture. Off writes every credential the capture sees into the files.</summary>
    [JsonPropertyName("enabled")]
    [Default(true)]
    public bool? Enabled { get; set; }

    /// <summary>Apply the built-in rules; false keeps only <c>rules</c>.</summary>
    [JsonPropertyName("builtInRules")]
    [Default(true)]
    public bool? BuiltInRules { get; set; }

    /// <summary>Rules added to the built-in ones, by unique name.</summary>
    [JsonPropertyName("rules")]
    [Items(max: 64)]
    [ListMap("name")]
    public IList<RedactionRule>? Rules { get; set; }
}
