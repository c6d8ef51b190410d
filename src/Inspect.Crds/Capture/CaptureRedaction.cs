using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>
/// Masking of secrets before bytes reach disk: matched bytes become '*' of the same length, so files stay readable.
/// On by default with the built-in rules (HTTP Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Api-Key
/// values; password=, token=, secret=, api_key= pairs; --password options; AWS keys; JWTs; bearer tokens; PEM
/// private keys), in I/O payloads, execve arguments and environments, and the process table. On each node the
/// node's own rules (the chart's redaction values) always apply and these rules are added to them; turning redaction
/// or the built-in rules off is honoured only on nodes whose agents allow it (chart value
/// redaction.allowCaptureOptOut), and fails the capture on other nodes.
/// </summary>
[CelRule("(has(self.enabled) && !self.enabled) || !has(self.builtInRules) || self.builtInRules || (has(self.rules) && size(self.rules) > 0)",
    "builtInRules: false needs at least one rule (to record without redaction, set enabled: false)")]
public sealed class CaptureRedaction
{
    /// <summary>Redact the capture. Off writes every credential the capture sees into the files; only where the chart
    /// sets redaction.allowCaptureOptOut, other nodes fail the capture.</summary>
    [JsonPropertyName("enabled")]
    [Default(true)]
    public bool? Enabled { get; set; }

    /// <summary>Apply the built-in rules; false keeps only <c>rules</c> and the chart's rules, and only where the chart
    /// sets redaction.allowCaptureOptOut, other nodes fail the capture.</summary>
    [JsonPropertyName("builtInRules")]
    [Default(true)]
    public bool? BuiltInRules { get; set; }

    /// <summary>Rules added to the node's (built-in and chart) rules, by unique name; a name the node already uses
    /// fails the capture on that node.</summary>
    [JsonPropertyName("rules")]
    [Items(max: 64)]
    [ListMap("name")]
    public IList<RedactionRule>? Rules { get; set; }
}
