using Inspect.Redaction.Rules;

namespace Inspect.Redaction.Tests;

/// <summary>The rules file format (YAML or JSON) and the errors bad files get.</summary>
public sealed class RuleFileTests
{
    [Fact]
    public void Yaml_rules_add_to_the_built_in_rules_and_mask_their_matches()
    {
        var file = RuleFile.Parse("""
            rules:
              - name: ticket-id
                regex: 'TICKET-[0-9]{6}'
              - name: staging-password
                literal: 'hunter2.'
            """, "rules.yaml");
        var set = RedactionRuleSet.Create(file.BuiltInRules, file.Rules, "rules.yaml");

        var (text, counts) = Masking.Redact("see TICKET-123456, pw hunter2. and hunter2x, token=abc", set);

        Assert.Equal("see *************, pw ******** and hunter2x, token=***", text);
        Assert.Equal(1, counts["ticket-id"]);
        Assert.Equal(1, counts["staging-password"]);
        Assert.Equal(1, counts["secret-pair"]);
    }

    [Fact]
    public void Json_file_can_turn_built_in_rules_off()
    {
        var file = RuleFile.Parse("""{"builtInRules": false, "rules": [{"name": "x", "literal": "XYZ"}]}""", "rules.json");
        var set = RedactionRuleSet.Create(file.BuiltInRules, file.Rules, "rules.json");

        var (text, _) = Masking.Redact("password=hunter2 XYZ", set);

        Assert.Equal("password=hunter2 ***", text);
        Assert.Equal(["x"], set.Names);
    }

    [Theory]
    [InlineData("rules:\n  - name: a\n    regex: '(unclosed'\n", "rules.yaml: rule 'a': invalid regex")]
    [InlineData("rules:\n  - name: a\n", "needs exactly one of 'regex' and 'literal'")]
    [InlineData("rules:\n  - name: a\n    regex: 'x*'\n", "matches the empty string")]
    [InlineData("rules:\n  - name: jwt\n    literal: 'x'\n", "rule name 'jwt' is used twice (it is a built-in rule)")]
    [InlineData("rules:\n  - name: 'bad name'\n    literal: 'x'\n", "rule name 'bad name' must be")]
    [InlineData("rules:\n  - regex: 'x'\n", "rules.yaml:2: a rule has no name")]
    [InlineData("rule: []\n", "rules.yaml:1: unknown key 'rule'")]
    [InlineData("rules: [\n", "rules.yaml:2: not valid YAML or JSON")]
    [InlineData("builtInRules: false\nrules: []\n", "nothing would be redacted")]
    public void Bad_files_are_refused_with_the_reason(string text, string expected)
    {
        var e = Assert.Throws<RedactionRuleException>(() =>
        {
            var file = RuleFile.Parse(text, "rules.yaml");
            RedactionRuleSet.Create(file.BuiltInRules, file.Rules, "rules.yaml");
        });

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<RedactionRuleException>(() => RuleFile.Load("/nonexistent/rules.yaml"));

        Assert.Contains("/nonexistent/rules.yaml", e.Message, StringComparison.Ordinal);
    }
}
