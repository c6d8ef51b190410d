using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Core.Translation;
using k8s.Models;
using static Inspect.Operator.Core.Tests.Fixtures;

namespace Inspect.Operator.Core.Tests;

public sealed class CaptureTranslatorTests
{
    private const string IdA = "containerd://aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111";
    private const string IdB = "containerd://bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222";
    private const string IdC = "cri-o://cccccccccccc3333333333333333333333333333333333333333333333333333";

    private static TranslationResult Translate(V1Alpha1CaptureSpec spec, ClusterView cluster, OperatorSettings? settings = null) =>
        CaptureTranslator.Translate(Capture, spec, cluster, settings ?? Settings);

    [Fact]
    public void Pods_on_two_nodes_give_two_requests_ordered_by_node()
    {
        var cluster = Cluster(
            Pod("team-a", "web-1", "node-2", ["app=web"], IdA),
            Pod("team-a", "web-0", "node-1", ["app=web"], IdB),
            Pod("team-a", "web-2", "node-2", ["app=web"]),
            Pod("team-a", "db-0", "node-3", ["app=db"], IdC));

        var result = Translate(ValidSpec(), cluster);

        Assert.Equal(TranslationOutcome.Ready, result.Outcome);
        Assert.Equal(CaptureReasons.Starting, result.Reason);
        Assert.Equal(["node-1", "node-2"], result.Requests.Select(r => r.NodeName));
        Assert.Equal(["web-0"], result.Requests[0].Pods.Select(p => p.Name));
        Assert.Equal(["web-1", "web-2"], result.Requests[1].Pods.Select(p => p.Name));
        Assert.All(result.Requests, r => Assert.Equal("team-a/web-cap/1111-2222", r.CaptureId));
        Assert.All(result.Requests, r => Assert.Equal(TargetKind.PodSelector, r.TargetKind));
    }

    [Fact]
    public void Request_carries_limits_snaplen_filter_trigger_and_container_details()
    {
        var spec = ValidSpec();
        spec.Duration = "1h30m";
        spec.MaxBytes = 1000;
        spec.PreTrigger = "20s";
        spec.Filter = "proc.name=nginx";
        spec.Trigger = new CaptureTrigger { Source = TriggerSource.Falco, AlertId = "a-1", Rule = "Shell in container" };

        var request = Assert.Single(Translate(spec, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"], IdA))).Requests);

        Assert.Equal(new CaptureLimits(TimeSpan.FromMinutes(90), 1000, null, TimeSpan.FromSeconds(20)), request.Limits);
        Assert.Equal(80, request.Snaplen);
        Assert.Equal("proc.name=nginx", request.Filter);
        Assert.Equal(new TriggerInfo(TriggerSource.Falco, "a-1", "Shell in container", null), request.Trigger);
        var pod = Assert.Single(request.Pods);
        Assert.Equal("uid-team-a-web-0", pod.Uid);
        Assert.Equal(new TargetContainer("c0", IdA["containerd://".Length..], "containerd"), Assert.Single(pod.Containers));
        Assert.Equal(
            [IdA["containerd://".Length..], "poduid-team-a-web-0", "poduid_team_a_web_0"],
            request.CgroupHints);
        Assert.False(request.WholeNode);
    }

    [Theory]
    [InlineData(null, 20_000)] // no alert time: preTrigger back from the start
    [InlineData(-3_000, 23_000)] // the alert fired 3 s before the capture started: history reaches preTrigger before the alert
    [InlineData(-60_000, 30_000)] // a lead longer than the rings keep beyond preTrigger is capped
    [InlineData(400, 19_600)] // the start is recorded in whole seconds, so an alert may follow it within the second
    [InlineData(5_000, 20_000)] // an alert well "after" the start comes from a skewed clock: counted from the start
    public void A_policy_made_capture_counts_its_pre_trigger_back_from_the_alert(int? alertMillisecondsFromStart, int expectedMilliseconds)
    {
        var spec = ValidSpec();
        spec.PreTrigger = "20s";
        spec.Trigger = new CaptureTrigger
        {
            Source = TriggerSource.Policy,
            Rule = "Terminal shell in container",
            Time = alertMillisecondsFromStart is { } ms ? Start.UtcDateTime.AddMilliseconds(ms) : null,
        };

        var request = Assert.Single(Translate(spec, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"], IdA))).Requests);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), request.Limits.PreTrigger);
        Assert.True(request.Limits.PreTrigger <= FlightRecorderWindow.RingWindow(TimeSpan.FromSeconds(20)), "the history asked for is more than a ring keeps");
    }

    [Fact]
    public void Requests_carry_the_redaction_on_by_default_with_the_specs_own_rules()
    {
        var cluster = Cluster(Pod("team-a", "web-0", "node-1", ["app=web"], IdA));
        var spec = ValidSpec();
        var allowing = Settings with { AllowCaptureOptOut = true };

        var byDefault = Assert.Single(Translate(spec, cluster).Requests).Redaction;
        spec.Redaction = new CaptureRedaction { BuiltInRules = false, Rules = [new() { Name = "ticket", Regex = "TICKET-[0-9]+" }] };
        var own = Assert.Single(Translate(spec, cluster, allowing).Requests).Redaction;
        spec.Redaction = new CaptureRedaction { Enabled = false };
        var off = Assert.Single(Translate(spec, cluster, allowing).Requests).Redaction;

        Assert.Equal((true, 0), (byDefault!.BuiltInRules, byDefault.Rules.Count));
        Assert.False(own!.BuiltInRules);
        Assert.Equal(new Redaction.Rules.UserRuleDefinition("ticket", Regex: "TICKET-[0-9]+"), Assert.Single(own.Rules));
        Assert.Null(off);
    }

    [Theory]
    [InlineData(false, null, "spec.redaction.enabled: false")]
    [InlineData(null, false, "spec.redaction.builtInRules: false")]
    public void Weakening_redaction_starts_nothing_unless_the_operator_allows_it(bool? enabled, bool? builtInRules, string field)
    {
        var cluster = Cluster(Pod("team-a", "web-0", "node-1", ["app=web"], IdA));
        var spec = ValidSpec();
        spec.Redaction = new CaptureRedaction { Enabled = enabled, BuiltInRules = builtInRules, Rules = [new() { Name = "ticket", Regex = "TICKET-[0-9]+" }] };

        var refused = Translate(spec, cluster);
        var allowed = Translate(spec, cluster, Settings with { AllowCaptureOptOut = true });

        Assert.Equal(TranslationOutcome.Invalid, refused.Outcome);
        Assert.Empty(refused.Requests);
        Assert.Equal(SpecRules.RedactionOptOut, Assert.Single(refused.Violations).Rule);
        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
        Assert.Contains("RedactionOptOutNotAllowed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("redaction.allowCaptureOptOut", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TranslationOutcome.Ready, allowed.Outcome);
        Assert.Single(allowed.Requests);
    }

    [Fact]
    public void Deterministic_ids_and_object_keys_whatever_the_input_order()
    {
        ClusterPod[] pods =
        [
            Pod("team-a", "web-1", "node-2", ["app=web"], IdA),
            Pod("team-a", "web-0", "node-1", ["app=web"], IdB),
            Pod("team-a", "web-3", "node-2", ["app=web"], IdC),
        ];

        var first = Translate(ValidSpec(), Cluster(pods));
        var second = Translate(ValidSpec(), Cluster([.. pods.Reverse()]));

        static string Describe(TranslationResult r) => string.Join("\n", r.Requests.Select(q =>
            $"{q.CaptureId} {q.NodeName} {string.Join(',', q.Pods.Select(p => p.Name))} {((S3Location)q.Output).ObjectKey} {string.Join(',', q.CgroupHints)}"));
        Assert.Equal(Describe(first), Describe(second));

        var s3 = Assert.IsType<S3Location>(first.Requests[0].Output);
        Assert.Equal("team-a/web-cap/node-1-20250102T030405Z.scap.gz", s3.ArtifactKey);
        Assert.Equal("forensics/team-a/web-cap/node-1-20250102T030405Z.scap.gz", s3.ObjectKey);
        Assert.Equal("forensics/team-a/web-cap/node-1-20250102T030405Z.summary.json", s3.SummaryObjectKey);
        Assert.Equal("captures", s3.Bucket);
    }

    [Fact]
    public void Object_key_uses_utc_whatever_the_offset()
    {
        var local = new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal("ns/cap/node-20250102T030405Z.scap.gz", CaptureTranslator.ArtifactKey("ns", "cap", "node", local));
    }

    [Fact]
    public void Translating_a_resource_uses_its_metadata_for_the_id()
    {
        var capture = new V1Alpha1Capture
        {
            Metadata = new V1ObjectMeta { NamespaceProperty = "team-a", Name = "c1", Uid = "u-9" },
            Spec = ValidSpec(),
        };

        var result = CaptureTranslator.Translate(capture, Start, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"], IdA)), Settings);

        Assert.Equal("team-a/c1/u-9", Assert.Single(result.Requests).CaptureId);
        Assert.Throws<ArgumentException>(() =>
            CaptureTranslator.Translate(new V1Alpha1Capture { Spec = ValidSpec() }, Start, Cluster(), Settings));
    }

    [Fact]
    public void PodSelector_without_namespaceSelector_stays_in_the_captures_namespace()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web"], IdA),
            Pod("team-b", "web-0", "node-2", ["app=web"], IdB));

        var result = Translate(ValidSpec(), cluster);

        Assert.Equal(["team-a/web-0"], result.Requests.SelectMany(r => r.Pods).Select(p => $"{p.Namespace}/{p.Name}"));
    }

    public static TheoryData<string, string[]> NamespaceSelections => new()
    {
        { "matchLabels env=prod", ["team-a/web-0", "team-b/web-0"] },
        { "In team (b,c)", ["team-b/web-0", "team-c/web-0"] },
        { "NotIn env (prod)", ["kube-system/web-0", "team-c/web-0"] },
        { "Exists team", ["team-a/web-0", "team-b/web-0", "team-c/web-0"] },
        { "DoesNotExist team", ["kube-system/web-0"] },
        { "empty selector", ["kube-system/web-0", "team-a/web-0", "team-b/web-0", "team-c/web-0"] },
        { "env=prod and team NotIn (a)", ["team-b/web-0"] },
    };

    private static LabelSelector NamespaceSelector(string row) => row switch
    {
        "matchLabels env=prod" => Select("env=prod"),
        "In team (b,c)" => Expression("team", LabelSelectorOperator.In, "b", "c"),
        "NotIn env (prod)" => Expression("env", LabelSelectorOperator.NotIn, "prod"),
        "Exists team" => Expression("team", LabelSelectorOperator.Exists),
        "DoesNotExist team" => Expression("team", LabelSelectorOperator.DoesNotExist),
        "empty selector" => new LabelSelector(),
        _ => new LabelSelector
        {
            MatchLabels = Labels("env=prod"),
            MatchExpressions = [new LabelSelectorRequirement { Key = "team", Operator = LabelSelectorOperator.NotIn, Values = ["a"] }],
        },
    };

    private static LabelSelector Expression(string key, LabelSelectorOperator op, params string[] values) => new()
    {
        MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values.Length == 0 ? null : values }],
    };

    [Theory]
    [MemberData(nameof(NamespaceSelections))]
    public void NamespaceSelector_picks_namespaces_across_the_cluster(string row, string[] expected)
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web"], IdA),
            Pod("team-b", "web-0", "node-2", ["app=web"], IdB),
            Pod("team-c", "web-0", "node-3", ["app=web"], IdC),
            Pod("kube-system", "web-0", "node-3", ["app=web"]),
            Pod("team-b", "db-0", "node-1", ["app=db"]));
        var spec = ValidSpec();
        spec.Targets!.NamespaceSelector = NamespaceSelector(row);

        var result = Translate(spec, cluster);

        Assert.Equal(expected, result.Requests.SelectMany(r => r.Pods).Select(p => $"{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PodSelector_matchExpressions_apply_to_pod_labels()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web", "tier=front"]),
            Pod("team-a", "web-1", "node-1", ["app=web", "tier=back"]),
            Pod("team-a", "web-2", "node-1", ["app=web"]));
        var spec = ValidSpec();
        spec.Targets!.PodSelector!.MatchExpressions =
            [new LabelSelectorRequirement { Key = "tier", Operator = LabelSelectorOperator.NotIn, Values = ["back"] }];

        var result = Translate(spec, cluster);

        Assert.Equal(["web-0", "web-2"], Assert.Single(result.Requests).Pods.Select(p => p.Name));
    }

    [Fact]
    public void Unscheduled_and_finished_pods_are_not_targets()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web"]) with { Phase = "Succeeded" },
            Pod("team-a", "web-1", "node-1", ["app=web"]) with { NodeName = null },
            Pod("team-a", "web-2", "node-1", ["app=web"]) with { Phase = "Running" });

        Assert.Equal(["web-2"], Assert.Single(Translate(ValidSpec(), cluster).Requests).Pods.Select(p => p.Name));
    }

    [Fact]
    public void PodNames_resolve_in_the_captures_namespace_only()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", []),
            Pod("team-a", "web-1", "node-2", []),
            Pod("team-b", "web-0", "node-3", []));
        var spec = ValidSpec();
        spec.Targets = new CaptureTargets { PodNames = ["web-0", "web-1", "missing"] };

        var result = Translate(spec, cluster);

        Assert.Equal(["node-1:team-a/web-0", "node-2:team-a/web-1"],
            result.Requests.SelectMany(r => r.Pods.Select(p => $"{r.NodeName}:{p.Namespace}/{p.Name}")));
        Assert.All(result.Requests, r => Assert.Equal(TargetKind.PodNames, r.TargetKind));
    }

    [Fact]
    public void NodeSelector_targets_whole_nodes()
    {
        var spec = ValidSpec();
        spec.Targets = new CaptureTargets { NodeSelector = Select("pool=cpu") };

        var result = Translate(spec, Cluster(Pod("team-a", "web-0", "node-2", ["app=web"], IdA)));

        Assert.Equal(["node-2", "node-3"], result.Requests.Select(r => r.NodeName));
        Assert.All(result.Requests, r =>
        {
            Assert.True(r.WholeNode);
            Assert.Empty(r.Pods);
            Assert.Empty(r.CgroupHints);
        });
    }

    [Fact]
    public void ContainerIds_resolve_to_their_pods_and_only_those_containers()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", [], IdA, IdB),
            Pod("team-b", "db-0", "node-2", [], IdC),
            Pod("team-b", "other", "node-3", [], "containerd://dddddddddddd4444444444444444444444444444444444444444444444444444"));
        var spec = ValidSpec();
        spec.Targets = new CaptureTargets
        {
            // a full id with its scheme, and a 12-digit short id in upper case
            ContainerIds = [IdB, "CCCCCCCCCCCC"],
        };

        var result = Translate(spec, cluster);

        Assert.Equal(TranslationOutcome.Ready, result.Outcome);
        Assert.Equal(["node-1", "node-2"], result.Requests.Select(r => r.NodeName));
        var web = Assert.Single(result.Requests[0].Pods);
        Assert.Equal(("web-0", "c1"), (web.Name, Assert.Single(web.Containers).Name));
        var db = Assert.Single(result.Requests[1].Pods);
        Assert.Equal(new TargetContainer("c0", IdC["cri-o://".Length..], "cri-o"), Assert.Single(db.Containers));
        Assert.Equal([IdC["cri-o://".Length..]], result.Requests[1].CgroupHints);
        Assert.All(result.Requests, r => Assert.Equal(TargetKind.ContainerIds, r.TargetKind));
    }

    [Fact]
    public void No_match_is_NoTargets_and_retryable_not_invalid()
    {
        var result = Translate(ValidSpec(), Cluster(Pod("team-a", "db-0", "node-1", ["app=db"])));

        Assert.Equal(TranslationOutcome.NoTargets, result.Outcome);
        Assert.Equal("NoTargets", result.Reason);
        Assert.Equal(CaptureReasons.NoTargets, result.Reason);
        Assert.True(result.IsRetryable);
        Assert.Empty(result.Requests);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Invalid_spec_is_not_retryable_and_starts_nothing()
    {
        var spec = ValidSpec();
        spec.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "../../etc" } };

        var result = Translate(spec, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"])));

        Assert.Equal(TranslationOutcome.Invalid, result.Outcome);
        Assert.Equal(CaptureReasons.InvalidSpec, result.Reason);
        Assert.False(result.IsRetryable);
        Assert.Empty(result.Requests);
        Assert.Contains("NodeDirectoryTraversal", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_directory_output_resolves_under_the_base_path()
    {
        var spec = ValidSpec();
        spec.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "./incidents//42/" } };

        var request = Assert.Single(Translate(spec, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"]))).Requests);

        var location = Assert.IsType<NodeDirectoryLocation>(request.Output);
        Assert.Equal("/var/lib/inspect/incidents/42", location.Directory);
        Assert.Equal("/var/lib/inspect/incidents/42/team-a/web-cap/node-1-20250102T030405Z.scap.gz", location.ArtifactPath);
        Assert.Equal("/var/lib/inspect/incidents/42/team-a/web-cap/node-1-20250102T030405Z.summary.json", location.SummaryPath);
    }

    [Fact]
    public void Default_output_and_snaplen_come_from_settings()
    {
        var spec = ValidSpec();
        spec.Output = null;
        var settings = Settings with
        {
            DefaultSnaplen = 256,
            DefaultOutput = new S3Output
            {
                Bucket = "default-bucket",
                Endpoint = "http://minio:9000",
                WebIdentity = new S3WebIdentity { RoleArn = "arn:aws:iam::1:role/inspect" },
            },
        };

        var request = Assert.Single(Translate(spec, Cluster(Pod("team-a", "web-0", "node-1", ["app=web"])), settings).Requests);

        Assert.Equal(256, request.Snaplen);
        var s3 = Assert.IsType<S3Location>(request.Output);
        Assert.Equal(("default-bucket", "http://minio:9000", true, "arn:aws:iam::1:role/inspect"),
            (s3.Bucket, s3.Endpoint, s3.UseWebIdentity, s3.WebIdentityRoleArn));
        Assert.Equal("team-a/web-cap/node-1-20250102T030405Z.scap.gz", s3.ObjectKey);
    }

    [Fact]
    public void Node_at_its_concurrency_limit_throttles()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web"]),
            Pod("team-a", "web-1", "node-2", ["app=web"])) with
        {
            ActiveCapturesPerNode = new Dictionary<string, int> { ["node-1"] = 1, ["node-2"] = 2, ["node-3"] = 5 },
        };

        var result = Translate(ValidSpec(), cluster, Settings with { MaxConcurrentCapturesPerNode = 2 });

        Assert.Equal(TranslationOutcome.Throttled, result.Outcome);
        Assert.Equal(CaptureReasons.Throttled, result.Reason);
        Assert.True(result.IsRetryable);
        Assert.Equal(["node-2"], result.ThrottledNodes);
        Assert.Equal(2, result.Requests.Count);

        Assert.Equal(TranslationOutcome.Ready, Translate(ValidSpec(), cluster, Settings with { MaxConcurrentCapturesPerNode = 3 }).Outcome);
        Assert.Equal(TranslationOutcome.Ready, Translate(ValidSpec(), cluster).Outcome);
    }

    [Fact]
    public void Cluster_at_its_concurrency_limit_throttles_every_node()
    {
        var cluster = Cluster(
            Pod("team-a", "web-0", "node-1", ["app=web"]),
            Pod("team-a", "web-1", "node-2", ["app=web"])) with
        { ActiveCapturesInCluster = 4 };

        var result = Translate(ValidSpec(), cluster, Settings with { MaxConcurrentCapturesPerCluster = 4 });

        Assert.Equal(TranslationOutcome.Throttled, result.Outcome);
        Assert.Equal(["node-1", "node-2"], result.ThrottledNodes);
    }

    [Fact]
    public void Relative_base_path_is_a_configuration_error()
    {
        Assert.Throws<ArgumentException>(() =>
            Translate(ValidSpec(), Cluster(), Settings with { NodeDirectoryBasePath = "relative" }));
    }
}
