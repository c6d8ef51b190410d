using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Cel;
using Inspect.TestSupport;

namespace Inspect.Helm.Tests;

/// <summary>
/// While the chart does not allow Captures to weaken redaction, it renders ValidatingAdmissionPolicies that refuse them
/// (and CapturePolicies whose template would) at apply time. Their CEL is evaluated here with a real implementation
/// (@marcbachmann/cel-js) over the objects the API server would hand it.
/// </summary>
public sealed class RedactionOptOutPolicyTests
{
    private const string CapturePolicy = "inspect-capture-redaction-opt-out";
    private const string PolicyPolicy = "inspect-capturepolicy-redaction-opt-out";

    [Fact]
    public void The_policies_and_their_bindings_are_rendered_by_default_and_refuse_what_the_operator_refuses()
    {
        var manifests = Helm.Template();

        foreach (var (name, resource) in new[] { (CapturePolicy, "captures"), (PolicyPolicy, "capturepolicies") })
        {
            var policy = Assert.Single(manifests.OfKind("ValidatingAdmissionPolicy"), p => p["metadata"]["name"].Text == name);
            Assert.Equal("admissionregistration.k8s.io/v1", policy["apiVersion"].Text);
            Assert.Equal("Fail", policy["spec"]["failurePolicy"].Text);
            var rule = Assert.Single(policy["spec"]["matchConstraints"]["resourceRules"].Items);
            Assert.Equal(["inspect.dev"], rule["apiGroups"].Strings);
            Assert.Equal([resource], rule["resources"].Strings);
            Assert.Equal(["CREATE", "UPDATE"], rule["operations"].Strings);
            Assert.All(policy["spec"]["validations"].Items, v => Assert.Contains("redaction.allowCaptureOptOut", v["message"].Text, StringComparison.Ordinal));

            var binding = Assert.Single(manifests.OfKind("ValidatingAdmissionPolicyBinding"), b => b["spec"]["policyName"].Text == name);
            Assert.Equal("admissionregistration.k8s.io/v1", binding["apiVersion"].Text);
            Assert.Equal(["Deny"], binding["spec"]["validationActions"].Strings);
        }

        Assert.DoesNotContain("--allow-capture-opt-out", Operator(manifests)["args"].Strings);
    }

    [Theory]
    [InlineData("redaction.allowCaptureOptOut=true")]
    [InlineData("redaction.enabled=false")]
    [InlineData("redaction.admissionPolicy=false")]
    public void No_policy_is_rendered_where_opting_out_is_allowed_or_it_is_turned_off(string set)
    {
        var manifests = Helm.Template(set);

        Assert.Empty(manifests.OfKind("ValidatingAdmissionPolicy"));
        Assert.Empty(manifests.OfKind("ValidatingAdmissionPolicyBinding"));
        // Only the API server's check is off: the operator still refuses unless opting out is allowed (or moot).
        Assert.Equal(set != "redaction.admissionPolicy=false", Operator(manifests)["args"].Strings.Contains("--allow-capture-opt-out"));
    }

    public static TheoryData<string, string?, string?, bool> Captures => new()
    {
        // name, the new object's redaction (JSON), the old object's (null: a create), allowed
        { "no redaction field", null, null, true },
        { "own rules only", """{"enabled": true, "builtInRules": true, "rules": [{"name": "t", "literal": "x"}]}""", null, true },
        { "redaction off", """{"enabled": false}""", null, false },
        { "built-in rules off", """{"builtInRules": false, "rules": [{"name": "t", "literal": "x"}]}""", null, false },
        { "turned off on update", """{"enabled": false}""", """{"enabled": true}""", false },
        { "already off before (finalizer update)", """{"enabled": false}""", """{"enabled": false}""", true },
        { "built-in rules back on", """{"builtInRules": true}""", """{"builtInRules": false}""", true },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_capture_policy_admits_only_captures_that_keep_redaction(string name, string? redaction, string? oldRedaction, bool allowed)
    {
        var capture = Capture(redaction);
        var old = oldRedaction is null ? null : Capture(oldRedaction);

        Assert.True(allowed == Admits(CapturePolicy, capture, old), $"{name}: expected {(allowed ? "admitted" : "refused")}");
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_capturepolicy_policy_looks_at_the_template(string name, string? redaction, string? oldRedaction, bool allowed)
    {
        var policy = PolicyWithTemplate(redaction);
        var old = oldRedaction is null ? null : PolicyWithTemplate(oldRedaction);

        Assert.True(allowed == Admits(PolicyPolicy, policy, old), $"{name}: expected {(allowed ? "admitted" : "refused")}");
        // A Capture's shape means nothing to it (and makes no expression fail).
        Assert.True(Admits(PolicyPolicy, Capture(redaction), null));
    }

    // Every validation of the rendered policy holds for the object, as the API server evaluates them.
    private static bool Admits(string policyName, JsonObject obj, JsonObject? oldObj)
    {
        var evaluator = NodeCelEvaluator.FromRepository(RepoPaths.RepoRoot)
            ?? throw new InvalidOperationException("@marcbachmann/cel-js is missing: run scripts/install-deps");
        var policy = Assert.Single(Helm.Template().OfKind("ValidatingAdmissionPolicy"), p => p["metadata"]["name"].Text == policyName);
        var checks = policy["spec"]["validations"].Items
            .Select(v => CelCheck.Over(v["expression"].Text, new JsonObject { ["object"] = obj.DeepClone(), ["oldObject"] = oldObj?.DeepClone() }))
            .ToList();
        var outcomes = evaluator.Evaluate(checks);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        return outcomes.All(o => o.Passed);
    }

    private static JsonObject Capture(string? redaction)
    {
        var spec = new JsonObject { ["targets"] = new JsonObject { ["podNames"] = new JsonArray("web-0") }, ["duration"] = "30s" };
        if (redaction is not null)
        {
            spec["redaction"] = JsonNode.Parse(redaction);
        }

        return new JsonObject
        {
            ["apiVersion"] = "inspect.dev/v1alpha1",
            ["kind"] = "Capture",
            ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" },
            ["spec"] = spec,
        };
    }

    private static JsonObject PolicyWithTemplate(string? redaction) => new()
    {
        ["apiVersion"] = "inspect.dev/v1alpha1",
        ["kind"] = "CapturePolicy",
        ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "inspect-system" },
        ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = Capture(redaction)["spec"]!.DeepClone() } },
    };

    private static Node Operator(Manifests manifests) =>
        Assert.Single(manifests.Single("Deployment", "operator")["spec"]["template"]["spec"]["containers"].Items, c => c["name"].Text == "operator");
}
