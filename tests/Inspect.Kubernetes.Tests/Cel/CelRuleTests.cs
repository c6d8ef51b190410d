using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Cel;
using Inspect.Kubernetes.TestServer.Validation;
using Inspect.Kubernetes.TestServer.Yaml;

namespace Inspect.Kubernetes.Tests.Cel;

/// <summary>The CRDs' x-kubernetes-validations rules, evaluated by a real CEL implementation (npm
/// @marcbachmann/cel-js under node) over valid and invalid specs, read from the generated YAML.</summary>
public sealed class CelRuleTests
{
    private const string Valid = """{"targets":{"podNames":["web-0"]},"duration":"1m"}""";

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "captures", Valid, null },
        { "captures", """{"targets":{"podSelector":{"matchLabels":{"app":"web"}},"namespaceSelector":{}},"maxBytes":10,"output":{"s3":{"bucket":"b","credentialsSecret":{"name":"s"}}}}""", null },
        { "captures", """{"targets":{"nodeSelector":{}},"maxEvents":5,"output":{"nodeDirectory":{"path":"a/..b/./c"}}}""", null },
        { "captures", """{"targets":{"podNames":["a"],"containerIds":["abc"]},"duration":"1m"}""", "spec.targets: Invalid value: \"object\": exactly one of podSelector, podNames, nodeSelector or containerIds must be set" },
        { "captures", """{"targets":{},"duration":"1m"}""", "spec.targets: Invalid value: \"object\": exactly one of podSelector, podNames, nodeSelector or containerIds must be set" },
        { "captures", """{"targets":{"podNames":["a"],"namespaceSelector":{}},"duration":"1m"}""", "spec.targets: Invalid value: \"object\": namespaceSelector can only be used together with podSelector" },
        { "captures", """{"duration":"1m"}""", "spec.targets: Invalid value: \"object\": spec.targets is required: a Capture must name pods, nodes or containers" },
        { "captures", """{"targets":{"podNames":["a"]}}""", "spec: Invalid value: \"object\": at least one of duration, maxBytes or maxEvents must be set: a capture needs a limit" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{}}""", "spec.output: Invalid value: \"object\": exactly one of s3 or nodeDirectory must be set" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{"bucket":"b"},"nodeDirectory":{"path":"x"}}}""", "spec.output: Invalid value: \"object\": exactly one of s3 or nodeDirectory must be set" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{"nodeDirectory":{"path":"/etc"}}}""", "spec.output.nodeDirectory.path: Invalid value: \"string\": path must be relative to the operator's base directory" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{"nodeDirectory":{"path":"a/../../b"}}}""", "spec.output.nodeDirectory.path: Invalid value: \"string\": path must not contain '..'" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{"bucket":"b","credentialsSecret":{"name":"s"},"webIdentity":{}}}}""", "spec.output.s3: Invalid value: \"object\": credentialsSecret and webIdentity are mutually exclusive" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","output":{"s3":{"bucket":"b","serverSideEncryption":{"type":"aws:kms"}}}}""", "spec.output.s3.serverSideEncryption: Invalid value: \"object\": kmsKeyId is required when type is aws:kms" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","redaction":{"rules":[{"name":"t","regex":"tok_[0-9]+"},{"name":"p","literal":"hunter2"}]}}""", null },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","redaction":{"enabled":false,"builtInRules":false}}""", null },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","redaction":{"builtInRules":false}}""", "spec.redaction: Invalid value: \"object\": builtInRules: false needs at least one rule (to record without redaction, set enabled: false)" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","redaction":{"rules":[{"name":"t","regex":"a","literal":"a"}]}}""", "spec.redaction.rules[0]: Invalid value: \"object\": exactly one of regex and literal must be set" },
        { "captures", """{"targets":{"podNames":["a"]},"duration":"1m","redaction":{"rules":[{"name":"t"}]}}""", "spec.redaction.rules[0]: Invalid value: \"object\": exactly one of regex and literal must be set" },
        { "capturepolicies", """{"match":{"rules":["Terminal shell*"]},"template":{"spec":{"duration":"2m"}}}""", null },
        { "capturepolicies", """{"match":{"minimumPriority":"Warning"},"template":{"spec":{"duration":"2m"}}}""", "spec.match: Invalid value: \"object\": at least one of rules or tags must be set" },
        { "capturepolicies", """{"match":{"tags":["shell"]},"template":{"spec":{"duration":"2m","targets":{"podNames":["a"]}}}}""", "spec.template.spec: Invalid value: \"object\": targets must not be set in a template: the policy targets the alerting pod or its node" },
        { "capturepolicies", """{"match":{"tags":["shell"]},"template":{"spec":{"snaplen":10}}}""", "spec.template.spec: Invalid value: \"object\": at least one of duration, maxBytes or maxEvents must be set: a capture needs a limit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rules_accept_valid_specs_and_refuse_invalid_ones(string plural, string spec, string? expected)
    {
        var errors = Evaluate(plural, spec);
        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(errors).ToString());
        }
    }

    [Fact]
    public void Every_rule_has_an_invalid_case()
    {
        var produced = Cases.Select(c => c.Data.Item3).OfType<string>().ToList();
        foreach (var plural in new[] { "captures", "capturepolicies" })
        {
            foreach (var message in Rules(Schema(plural)).Select(r => Json(r, "message")))
            {
                Assert.True(produced.Any(p => p.EndsWith(message, StringComparison.Ordinal)), $"no case makes the rule fail: {message}");
            }
        }
    }

    [Fact]
    public void A_rule_that_does_not_compile_is_reported_not_passed()
    {
        var outcome = Assert.Single(Tools.RequireCel().Evaluate([new CelCheck("self.size( > 1", new JsonObject())]));
        Assert.False(outcome.Passed);
        Assert.NotNull(outcome.Error);
    }

    private static List<FieldError> Evaluate(string plural, string spec)
    {
        var cel = Tools.RequireCel();
        var obj = new JsonObject { ["apiVersion"] = "inspect.dev/v1alpha1", ["kind"] = "X", ["metadata"] = new JsonObject { ["name"] = "x" }, ["spec"] = JsonNode.Parse(spec) };
        var errors = new List<FieldError>();
        CelRuleCollector.Validate(obj, Schema(plural), null, cel, errors);
        return errors;
    }

    private static JsonObject Schema(string plural)
    {
        var crd = YamlToJson.ParseDocuments(File.ReadAllText(Path.Combine(Tools.CrdDirectory, $"inspect.dev_{plural}.yaml"))).Single();
        return (JsonObject)crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
    }

    private static IEnumerable<JsonObject> Rules(JsonNode? schema) => schema switch
    {
        JsonObject o => (o["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>().Concat(o.SelectMany(p => Rules(p.Value))),
        JsonArray a => a.SelectMany(Rules),
        _ => [],
    };

    private static string Json(JsonObject o, string key) => o[key]!.GetValue<string>();
}
