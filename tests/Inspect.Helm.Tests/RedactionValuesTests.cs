using Inspect.Redaction.Rules;

namespace Inspect.Helm.Tests;

/// <summary>
/// The chart's redaction values become the agent's rules file (read back here with the parser `inspect record
/// --redact-rules` uses) or its --no-redact flag; the schema refuses malformed rules.
/// </summary>
public sealed class RedactionValuesTests
{
    private const string RulesPath = "/etc/inspect/redaction/rules.yaml";

    [Fact]
    public void Redaction_is_on_by_default_with_the_built_in_rules()
    {
        var manifests = Helm.Template();

        var file = RulesFile(manifests);
        Assert.True(file.BuiltInRules);
        Assert.Empty(file.Rules);
        var agent = AgentContainer(manifests);
        Assert.Contains($"--redact-rules={RulesPath}", agent["args"].Strings);
        Assert.Contains(agent["volumeMounts"].Items, m => m["name"].Text == "redaction" && m["mountPath"].Text == Path.GetDirectoryName(RulesPath));
    }

    [Fact]
    public void Rules_from_values_reach_the_agent_in_a_file_it_accepts()
    {
        var manifests = Helm.Template(
            "redaction.builtInRules=false",
            "redaction.rules[0].name=ticket-id",
            "redaction.rules[0].regex=TICKET-[0-9]{6}",
            "redaction.rules[1].name=db-password",
            "redaction.rules[1].literal=hunter2");

        var file = RulesFile(manifests);
        var rules = RedactionRuleSet.Create(file.BuiltInRules, file.Rules, "rules.yaml");

        Assert.Equal(["ticket-id", "db-password"], rules.Names);
        Assert.Equal(new UserRuleDefinition("ticket-id", Regex: "TICKET-[0-9]{6}"), file.Rules[0]);
        Assert.Equal(new UserRuleDefinition("db-password", Literal: "hunter2"), file.Rules[1]);
    }

    [Fact]
    public void Disabled_redaction_renders_no_rules_and_tells_the_agent()
    {
        var manifests = Helm.Template("redaction.enabled=false");

        Assert.DoesNotContain(manifests.OfKind("ConfigMap"), c => c["metadata"]["name"].Text.EndsWith("-redaction", StringComparison.Ordinal));
        var agent = AgentContainer(manifests);
        Assert.Contains("--no-redact", agent["args"].Strings);
        Assert.DoesNotContain(agent["volumeMounts"].Items, m => m["name"].Text == "redaction");
    }

    [Fact]
    public void Captures_may_turn_redaction_off_only_when_the_values_allow_it()
    {
        Assert.DoesNotContain("--allow-capture-opt-out", AgentContainer(Helm.Template())["args"].Strings);
        Assert.Contains("--allow-capture-opt-out", AgentContainer(Helm.Template("redaction.allowCaptureOptOut=true"))["args"].Strings);
    }

    [Theory]
    [InlineData("redaction.rules[0].regex=x", "redaction.rules.0: name is required")]
    [InlineData("redaction.rules[0].name=bad name,redaction.rules[0].literal=x", "redaction.rules.0.name: Does not match pattern")]
    [InlineData("redaction.rules[0].name=a,redaction.rules[0].literal=x,redaction.rules[0].regex=y", "redaction.rules.0: Must validate one and only one schema (oneOf)")]
    [InlineData("redaction.enabled=maybe", "redaction.enabled: Invalid type. Expected: boolean")]
    [InlineData("redaction.allowCaptureOptOut=maybe", "redaction.allowCaptureOptOut: Invalid type. Expected: boolean")]
    public void Malformed_redaction_values_are_refused(string set, string message)
    {
        var result = Helm.TemplateRaw(set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private static RuleFile RulesFile(Manifests manifests)
    {
        var map = Assert.Single(manifests.OfKind("ConfigMap"), c => c["metadata"]["name"].Text.EndsWith("-redaction", StringComparison.Ordinal));
        return RuleFile.Parse(map["data"]["rules.yaml"].Text, "rules.yaml");
    }

    private static Node AgentContainer(Manifests manifests) =>
        Assert.Single(manifests.Single("DaemonSet", "agent")["spec"]["template"]["spec"]["containers"].Items, c => c["name"].Text == "agent");
}
