using Inspect.Agent.Host;
using Inspect.Agent.Host.Captures;
using Inspect.Agent.Protocol.V1;
using Inspect.Redaction;
using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using Inspect.Scap.Writing;

namespace Inspect.Operator.Tests.Unit;

/// <summary>How an agent combines a Capture's redaction with its node's: node rules always, the Capture's added, and
/// weakening only where the node allows it.</summary>
public sealed class NodeRedactionTests
{
    private static readonly RedactionRuleSet NodeRules = RedactionRuleSet.Create(true, [new UserRuleDefinition("order-id", Regex: "ORD-[0-9]{6}")], "node rules");

    [Fact]
    public void Without_a_request_the_node_rules_apply_as_they_are()
    {
        Assert.Same(NodeRules, new NodeRedaction(NodeRules).For(null));
        Assert.Same(NodeRules, new NodeRedaction(NodeRules).For(new RedactionRequest()));
        Assert.Null(new NodeRedaction(null).For(null));
    }

    [Fact]
    public void Capture_rules_are_added_after_the_node_rules_and_all_of_them_mask()
    {
        var rules = new NodeRedaction(NodeRules).For(Request(Regex("ticket-id", "TICKET-[0-9]{6}"), Literal("staging-password", "hunter2")));

        Assert.NotNull(rules);
        Assert.Equal([.. BuiltInRules.Names, "order-id", "ticket-id", "staging-password"], rules.Names);
        var (masked, counts) = Redact(rules, "token=abc ORD-123456 TICKET-654321 hunter2!");
        Assert.Equal("token=*** ********** ************* *******!", masked);
        Assert.Equal(1, counts["secret-pair"]);
        Assert.Equal(1, counts["order-id"]);
        Assert.Equal(1, counts["ticket-id"]);
        Assert.Equal(1, counts["staging-password"]);
    }

    [Fact]
    public void Turning_redaction_off_needs_the_nodes_permission()
    {
        var request = new RedactionRequest { Disabled = true };

        var refused = Assert.Throws<RedactionRuleException>(() => new NodeRedaction(NodeRules).For(request));
        Assert.Contains("spec.redaction.enabled: false", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-capture-opt-out", refused.Message, StringComparison.Ordinal);
        Assert.Null(new NodeRedaction(NodeRules, AllowCaptureOptOut: true).For(request));
    }

    [Fact]
    public void Dropping_the_built_in_rules_needs_the_nodes_permission_and_keeps_the_nodes_own()
    {
        var request = Request(Literal("staging-password", "hunter2"));
        request.NoBuiltInRules = true;

        var refused = Assert.Throws<RedactionRuleException>(() => new NodeRedaction(NodeRules).For(request));
        Assert.Contains("spec.redaction.builtInRules: false", refused.Message, StringComparison.Ordinal);
        var rules = new NodeRedaction(NodeRules, AllowCaptureOptOut: true).For(request);
        Assert.Equal(["order-id", "staging-password"], rules!.Names);

        // With only built-in rules on the node, the Capture's rules are all that remain.
        Assert.Equal(["staging-password"], new NodeRedaction(RedactionRuleSet.BuiltIn, AllowCaptureOptOut: true).For(request)!.Names);
    }

    [Fact]
    public void A_node_without_redaction_applies_the_capture_rules_alone()
    {
        var rules = new NodeRedaction(null).For(Request(Regex("ticket-id", "TICKET-[0-9]{6}")));

        Assert.Equal(["ticket-id"], rules!.Names);
        Assert.Equal("Authorization: Bearer x *************", Redact(rules, "Authorization: Bearer x TICKET-000001").Masked);
        Assert.Null(new NodeRedaction(null).For(new RedactionRequest { Disabled = true }));
    }

    [Theory]
    [InlineData("([a-z", "rule 'broken': invalid regex '([a-z'")]
    [InlineData("x*", "rule 'broken': regex 'x*' matches the empty string")]
    public void A_bad_regex_is_refused_with_the_rule_and_the_reason(string regex, string message)
    {
        var e = Assert.Throws<RedactionRuleException>(() => new NodeRedaction(NodeRules).For(Request(Regex("broken", regex))));

        Assert.StartsWith("spec.redaction.rules: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order-id", "the chart's redaction values")]
    [InlineData("jwt", "a built-in rule")]
    public void A_capture_rule_may_not_take_the_name_of_a_node_rule(string name, string whose)
    {
        var e = Assert.Throws<RedactionRuleException>(() => new NodeRedaction(NodeRules).For(Request(Literal(name, "x"))));

        Assert.Contains($"rule name '{name}' is already one of this node's redaction rules ({whose})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_capture_rules_are_added_to_history_the_node_already_redacted()
    {
        Assert.Null(NodeRedaction.AddedBy(null));
        Assert.Null(NodeRedaction.AddedBy(new RedactionRequest()));
        Assert.Equal(["ticket-id"], NodeRedaction.AddedBy(Request(Regex("ticket-id", "TICKET-[0-9]{6}")))!.Names);
    }

    [Fact]
    public void The_agent_flag_allows_opting_out()
    {
        string[] tls = ["--tls-ca=/ca.pem", "--tls-cert=/cert.pem", "--tls-key=/key.pem"];

        Assert.False(AgentHostOptions.Parse(tls, _ => null).AllowCaptureOptOut);
        Assert.True(AgentHostOptions.Parse([.. tls, "--allow-capture-opt-out"], _ => null).AllowCaptureOptOut);
    }

    private static RedactionRequest Request(params RedactionRuleDefinition[] rules)
    {
        var request = new RedactionRequest();
        request.Rules.AddRange(rules);
        return request;
    }

    private static RedactionRuleDefinition Regex(string name, string regex) => new() { Name = name, Regex = regex };

    private static RedactionRuleDefinition Literal(string name, string literal) => new() { Name = name, Literal = literal };

    // The text as a write exit's payload, redacted the way a capture redacts it.
    private static (string Masked, RedactionCounts Counts) Redact(RedactionRuleSet rules, string text)
    {
        var payload = System.Text.Encoding.ASCII.GetBytes(text);
        using var builder = new ScapEventBuilder();
        var scapEvent = builder.Begin(9, 1, 1).Int64(payload.Length).Bytes(payload).Build().ToArray();
        var redactor = new EventRedactor(rules);
        redactor.Redact(scapEvent);
        return (System.Text.Encoding.ASCII.GetString(scapEvent.AsSpan(scapEvent.Length - payload.Length)), redactor.Counts);
    }
}
