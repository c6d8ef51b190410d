using System.Text;
using Inspect.Alerts.Falco;
using Inspect.Alerts.Policies;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts.Tests;

public sealed class PolicyMatcherTests
{
    private static readonly ClusterPod Pod = new("shop", "web-0", "uid-1", "node-a", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, []);
    private static readonly FalcoAlert Alert = FalcoAlertParser.Parse(Encoding.UTF8.GetBytes(AlertBodies.Falco(priority: "Warning").ToJsonString()));

    [Theory]
    [InlineData("Terminal shell in container", true)]
    [InlineData("Terminal shell*", true)]
    [InlineData("Terminal ?hell in container", true)]
    [InlineData("terminal shell in container", false)]
    [InlineData("Terminal shell", false)]
    [InlineData("Write below *", false)]
    public void Rules_match_exactly_or_by_glob(string rule, bool expected) =>
        Assert.Equal(expected, PolicyMatcher.Matches(new PolicyMatch { Rules = [rule] }, Alert, Pod));

    [Theory]
    [InlineData(FalcoPriority.Warning, true)]
    [InlineData(FalcoPriority.Debug, true)]
    [InlineData(FalcoPriority.Error, false)]
    [InlineData(FalcoPriority.Critical, false)]
    public void Minimum_priority_admits_as_severe_or_worse(FalcoPriority minimum, bool expected) =>
        Assert.Equal(expected, PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], MinimumPriority = minimum }, Alert, Pod));

    [Fact]
    public void Tags_sources_namespaces_and_labels_must_all_hold()
    {
        Assert.True(PolicyMatcher.Matches(new PolicyMatch { Tags = ["nope", "mitre_execution"] }, Alert, Pod));
        Assert.False(PolicyMatcher.Matches(new PolicyMatch { Tags = ["nope"] }, Alert, Pod));
        Assert.True(PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], Sources = ["syscall"] }, Alert, Pod));
        Assert.False(PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], Sources = ["k8s_audit"] }, Alert, Pod));
        Assert.True(PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], Namespaces = ["shop", "bank"] }, Alert, Pod));
        Assert.False(PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], Namespaces = ["bank"] }, Alert, Pod));
        Assert.True(PolicyMatcher.Matches(new PolicyMatch { Rules = ["*"], PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } }, Alert, Pod));
        Assert.False(PolicyMatcher.Matches(new PolicyMatch
        {
            Rules = ["*"],
            PodSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = LabelSelectorOperator.NotIn, Values = ["front"] }] },
        }, Alert, Pod));
    }

    [Fact]
    public void A_match_without_rules_or_tags_matches_nothing() =>
        Assert.False(PolicyMatcher.Matches(new PolicyMatch { Namespaces = ["shop"] }, Alert, Pod));
}
