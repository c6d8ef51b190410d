using Inspect.Agent.Host;
using Inspect.Redaction.Rules;

namespace Inspect.Operator.Tests.Unit;

/// <summary>The agent's redaction flags, as the chart's DaemonSet passes them.</summary>
public sealed class AgentRedactionOptionsTests : IDisposable
{
    private static readonly string[] Tls = ["--tls-ca=/ca.pem", "--tls-cert=/cert.pem", "--tls-key=/key.pem"];
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-agent-redaction-").FullName;

    [Fact]
    public void Built_in_rules_apply_unless_told_otherwise()
    {
        Assert.Same(RedactionRuleSet.BuiltIn, AgentHostOptions.Parse(Tls, _ => null).Redaction);
        Assert.Null(AgentHostOptions.Parse([.. Tls, "--no-redact"], _ => null).Redaction);
    }

    [Fact]
    public void A_rules_file_adds_its_rules_and_a_bad_one_is_refused_by_name()
    {
        var good = Path.Join(_dir, "rules.yaml");
        File.WriteAllText(good, "rules:\n  - name: order-id\n    regex: 'ORD-[0-9]{6}'\n");
        var rules = AgentHostOptions.Parse([.. Tls, $"--redact-rules={good}"], _ => null).Redaction;
        Assert.NotNull(rules);
        Assert.NotSame(RedactionRuleSet.BuiltIn, rules);

        var bad = Path.Join(_dir, "bad.yaml");
        File.WriteAllText(bad, "rules:\n  - name: broken\n    regex: '([a-z'\n");
        var e = Assert.Throws<ArgumentException>(() => AgentHostOptions.Parse([.. Tls, $"--redact-rules={bad}"], _ => null));
        Assert.Contains("--redact-rules", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
