using Inspect.Agent.Protocol.V1;
using Inspect.Redaction;
using Inspect.Redaction.Rules;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// The redaction of this node: the built-in rules by default, the rules file the chart mounts
/// (<c>--redact-rules</c>), or none (<c>--no-redact</c>); and how a Capture's own redaction combines with it
/// (<see cref="For"/>).
/// </summary>
/// <param name="Rules">The node's rules, or null when the node records without redaction.</param>
/// <param name="AllowCaptureOptOut">
/// Whether a Capture may weaken the node's redaction (turn it off, or drop the built-in rules); the chart's
/// <c>redaction.allowCaptureOptOut</c>, off by default, so whoever may create a Capture cannot make the agents write
/// credentials to disk.
/// </param>
public sealed record NodeRedaction(RedactionRuleSet? Rules, bool AllowCaptureOptOut = false)
{
    private const string Where = "spec.redaction.rules";

    /// <summary>
    /// The rules a capture applies: the node's rules always, followed by the Capture's own. A Capture turns redaction
    /// off or drops the built-in rules only where <see cref="AllowCaptureOptOut"/> allows it. On a node without
    /// redaction the Capture's own rules apply alone (none: no redaction).
    /// </summary>
    /// <returns>The rules, or null when the capture records without redaction.</returns>
    /// <exception cref="RedactionRuleException">
    /// The Capture asks to weaken redaction and the node does not allow it, a rule does not compile, or a rule's name
    /// is one of the node's.
    /// </exception>
    public RedactionRuleSet? For(RedactionRequest? request)
    {
        if (request is null)
        {
            return Rules;
        }

        var definitions = request.Rules.Select(Definition).ToList();
        if (definitions.FirstOrDefault(d => Rules?.Names.Contains(d.Name) == true) is { } clash)
        {
            throw new RedactionRuleException(
                $"{Where}: rule name '{clash.Name}' is already one of this node's redaction rules ({(BuiltInRules.Names.Contains(clash.Name) ? "a built-in rule" : "the chart's redaction values")}); give it another name");
        }

        if (Rules is null)
        {
            // Nothing of the node's to weaken; the Capture's rules are all there is.
            return definitions.Count == 0 ? null : RedactionRuleSet.Create(builtIns: false, definitions, Where);
        }

        if (request.Disabled)
        {
            return AllowCaptureOptOut
                ? null
                : throw new RedactionRuleException(
                    "the Capture turns redaction off (spec.redaction.enabled: false), which this node does not allow: its agent was not started with --allow-capture-opt-out (chart value redaction.allowCaptureOptOut)");
        }

        var node = Rules;
        if (request.NoBuiltInRules && node.HasBuiltIns)
        {
            if (!AllowCaptureOptOut)
            {
                throw new RedactionRuleException(
                    "the Capture turns the built-in redaction rules off (spec.redaction.builtInRules: false), which this node does not allow: its agent was not started with --allow-capture-opt-out (chart value redaction.allowCaptureOptOut)");
            }

            node = node.WithoutBuiltIns();
            if (node is null)
            {
                return RedactionRuleSet.Create(builtIns: false, definitions, Where);
            }
        }

        return node.With(definitions, Where);
    }

    /// <summary>
    /// The Capture's own rules alone, for what the node already redacted with its rules before the Capture existed (a
    /// flight-recorder ring's history); null when the Capture adds none.
    /// </summary>
    public static RedactionRuleSet? AddedBy(RedactionRequest? request) =>
        request is null || request.Disabled || request.Rules.Count == 0
            ? null
            : RedactionRuleSet.Create(builtIns: false, request.Rules.Select(Definition), Where);

    private static UserRuleDefinition Definition(RedactionRuleDefinition rule) => new(
        rule.Name,
        rule.PatternCase == RedactionRuleDefinition.PatternOneofCase.Regex ? rule.Regex : null,
        rule.PatternCase == RedactionRuleDefinition.PatternOneofCase.Literal ? rule.Literal : null);
}
