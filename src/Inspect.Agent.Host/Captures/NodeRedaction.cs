using Inspect.Redaction.Rules;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// The redaction every capture on this node applies before bytes reach the spool: the built-in rules by default, the
/// rules file the chart mounts (<c>--redact-rules</c>), or none (<c>--no-redact</c>).
/// </summary>
/// <param name="Rules">The rules, or null when redaction is off.</param>
public sealed record NodeRedaction(RedactionRuleSet? Rules);
