using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;

namespace Inspect.Alerts.Tests;

/// <summary>Alerts posted over HTTPS, as Falco and Falcosidekick send them, against the API test server.</summary>
public sealed class WebhookTests
{
    private const string ShellRule = "Terminal shell in container";

    [Fact]
    public async Task A_matching_falco_alert_creates_one_capture_of_the_alerting_pod()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        var pod = await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPodAsync("shop", "web-1", "node-b", Hex('b'));
        await cluster.AddPolicyAsync("shop", "shells", new PolicyMatch { Rules = ["Terminal shell*"], MinimumPriority = FalcoPriority.Warning });
        using var falco = cluster.Client(cluster.FalcoCertificate);

        var (status, body) = await WebhookCluster.PostAsync(falco, AlertBodies.Falco(priority: "Critical", containerId: Hex('a')[..12]));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("shop/web-0", (string?)body["pod"]);
        var capture = Assert.Single(await cluster.CapturesAsync());
        Assert.Equal("shop", capture.Metadata.NamespaceProperty);
        Assert.Equal(["web-0"], capture.Spec.Targets!.PodNames!);
        Assert.Equal("2m", capture.Spec.Duration);
        Assert.Equal("30s", capture.Spec.PreTrigger);
        Assert.Equal(TriggerSource.Policy, capture.Spec.Trigger!.Source);
        Assert.Equal(ShellRule, capture.Spec.Trigger.Rule);
        Assert.Equal(FalcoPriority.Critical, capture.Spec.Trigger.Priority);
        Assert.Equal("shells", capture.Spec.Trigger.Policy);
        // The Kubernetes client writes date-times with microseconds; the exact nanoseconds stay in the dedup key.
        Assert.Equal(new DateTime(2026, 11, 23, 10, 15, 30, DateTimeKind.Utc).AddTicks(1234560), capture.Spec.Trigger.Time);
        Assert.Contains("A shell was spawned", capture.Spec.Trigger.Output, StringComparison.Ordinal);
        Assert.Equal(pod.Metadata.Uid, capture.Metadata.Labels[InspectNames.PodUidLabel]);
        var owner = Assert.Single(capture.Metadata.OwnerReferences);
        Assert.Equal(("CapturePolicy", "shells"), (owner.Kind, owner.Name));
    }

    [Fact]
    public async Task Cooldown_uuid_and_restart_each_prevent_a_second_capture()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPodAsync("shop", "web-1", "node-a", Hex('b'));
        await cluster.AddPolicyAsync("shop", "shells", new PolicyMatch { Rules = [ShellRule] }, new PolicyLimits { CooldownSeconds = 600, MaxPerHour = 100, MaxConcurrent = 100 });
        using var sidekick = cluster.Client(token: WebhookCluster.SidekickToken);

        Assert.Equal("Created", Action(await WebhookCluster.PostAsync(sidekick, AlertBodies.Falcosidekick("u-1"))));

        // The same rule on the same pod a second later: within the cooldown.
        Assert.Equal("Cooldown", Action(await WebhookCluster.PostAsync(sidekick, AlertBodies.Falcosidekick("u-2", time: "2026-11-23T10:15:31Z"))));

        // Falcosidekick retrying the first delivery: a duplicate, nothing decided at all.
        var (status, repeat) = await WebhookCluster.PostAsync(sidekick, AlertBodies.Falcosidekick("u-1"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.True((bool)repeat["duplicate"]!);

        // Another pod is not in the first pod's cooldown.
        Assert.Equal("Created", Action(await WebhookCluster.PostAsync(sidekick, AlertBodies.Falcosidekick("u-3", pod: "web-1"))));
        Assert.Equal(2, (await cluster.CapturesAsync()).Count);

        // A restarted operator has forgotten everything in memory, yet neither the redelivered alert nor a new one in
        // the cooldown makes another capture: names derive from the alert, and limits are seeded from the cluster.
        await cluster.StopOperatorAsync();
        await cluster.StartOperatorAsync();
        using var again = cluster.Client(token: WebhookCluster.SidekickToken);
        await WebhookCluster.PostAsync(again, AlertBodies.Falcosidekick("u-1"));
        Assert.Equal("Cooldown", Action(await WebhookCluster.PostAsync(again, AlertBodies.Falcosidekick("u-4", time: "2026-11-23T10:15:40Z"))));
        Assert.Equal(2, (await cluster.CapturesAsync()).Count);
    }

    [Fact]
    public async Task A_burst_of_a_thousand_alerts_creates_at_most_the_policy_limit()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            await cluster.AddPodAsync("shop", $"web-{i}", "node-a", Hex((char)('a' + i)));
        }

        await cluster.AddPolicyAsync("shop", "storm", new PolicyMatch { Rules = ["*"] }, new PolicyLimits { CooldownSeconds = 0, MaxPerHour = 7, MaxConcurrent = 100 });
        using var falco = cluster.Client(cluster.FalcoCertificate);

        var posts = Enumerable.Range(0, 1000).Select(i => WebhookCluster.PostAsync(
            falco,
            AlertBodies.Falco(time: $"2026-11-23T10:15:{i / 100:D2}.{i:D9}Z", pod: $"web-{i % 10}", containerId: null)));
        var results = await Task.WhenAll(posts);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var actions = results.Select(Action).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(7, actions["Created"]);
        Assert.Equal(993, actions["RateLimited"]);
        Assert.Equal(7, (await cluster.CapturesAsync()).Count);

        // Still answering after the storm.
        using var health = cluster.Client(cluster.FalcoCertificate);
        Assert.Equal("ok", await health.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrency_limit_counts_running_captures()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await cluster.AddPodAsync("shop", $"web-{i}", "node-a", Hex((char)('a' + i)));
        }

        await cluster.AddPolicyAsync("shop", "two", new PolicyMatch { Rules = ["*"] }, new PolicyLimits { CooldownSeconds = 0, MaxPerHour = 100, MaxConcurrent = 2 });
        using var falco = cluster.Client(cluster.FalcoCertificate);
        var actions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            actions.Add(Action(await WebhookCluster.PostAsync(falco, AlertBodies.Falco(pod: $"web-{i}", containerId: null))));
        }

        Assert.Equal(["Created", "Created", "ConcurrencyLimited"], actions);
    }

    [Fact]
    public async Task Dry_run_records_what_would_have_been_created_in_status()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPolicyAsync("shop", "rehearsal", new PolicyMatch { Tags = ["mitre_execution"] }, dryRun: true);
        using var falco = cluster.Client(cluster.FalcoCertificate);

        var (_, body) = await WebhookCluster.PostAsync(falco, AlertBodies.Falco());
        Assert.Equal("DryRun", Action((HttpStatusCode.Accepted, body)));
        Assert.Empty(await cluster.CapturesAsync());

        await new Kubernetes.PolicyStatusWriter(cluster.Kube, cluster.Book).FlushAsync(TestContext.Current.CancellationToken);
        var status = (await cluster.PolicyAsync("shop", "rehearsal")).Status!;
        var record = Assert.Single(status.RecentMatches!);
        Assert.Equal(PolicyAction.DryRun, record.Action);
        Assert.Equal(("shop", "web-0", "node-a"), (record.Namespace, record.Pod, record.Node));
        Assert.Equal((string?)((JsonArray)body["decisions"]!)[0]!["capture"], record.Capture);
        Assert.Equal(0, status.CapturesCreated ?? 0);
    }

    [Fact]
    public async Task Status_counts_created_captures_newest_match_first()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPolicyAsync("shop", "shells", new PolicyMatch { Rules = ["*"] }, new PolicyLimits { CooldownSeconds = 600 });
        using var falco = cluster.Client(cluster.FalcoCertificate);
        await WebhookCluster.PostAsync(falco, AlertBodies.Falco(time: "2026-11-23T10:15:30Z"));
        await WebhookCluster.PostAsync(falco, AlertBodies.Falco(time: "2026-11-23T10:15:31Z"));
        var writer = new Kubernetes.PolicyStatusWriter(cluster.Kube, cluster.Book);
        Assert.Equal(1, await writer.FlushAsync(TestContext.Current.CancellationToken));

        var status = (await cluster.PolicyAsync("shop", "shells")).Status!;
        Assert.Equal(1, status.CapturesCreated);
        Assert.NotNull(status.LastCaptureTime);
        Assert.Equal([PolicyAction.Cooldown, PolicyAction.Created], status.RecentMatches!.Select(r => r.Action));
    }

    [Fact]
    public async Task Policies_reach_other_namespaces_only_from_the_operator_namespace()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPolicyAsync("bank", "nosy", new PolicyMatch { Rules = ["*"] });
        using var falco = cluster.Client(cluster.FalcoCertificate);
        var (_, body) = await WebhookCluster.PostAsync(falco, AlertBodies.Falco());
        Assert.Empty((JsonArray)body["decisions"]!);

        await cluster.AddPolicyAsync("inspect-system", "cluster-wide", new PolicyMatch { Rules = ["*"], Namespaces = ["shop"] }, scope: CaptureScope.Node);
        (_, body) = await WebhookCluster.PostAsync(falco, AlertBodies.Falco(time: "2026-11-23T11:00:00Z"));
        Assert.Equal("Created", Action((HttpStatusCode.Accepted, body)));
        var capture = Assert.Single(await cluster.CapturesAsync());
        Assert.Equal("node-a", capture.Spec.Targets!.NodeSelector!.MatchLabels!["kubernetes.io/hostname"]);
        Assert.Null(capture.Metadata.OwnerReferences); // owners cannot cross namespaces
        Assert.Equal("inspect-system", capture.Metadata.Labels[InspectNames.PolicyNamespaceLabel]);
    }

    [Fact]
    public async Task A_pod_is_found_from_its_container_id_alone()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        await cluster.AddPodAsync("bank", "vault-0", "node-a", Hex('c'));
        await cluster.AddPolicyAsync("bank", "vault", new PolicyMatch { Rules = ["*"] });
        using var falco = cluster.Client(cluster.FalcoCertificate);

        var (status, body) = await WebhookCluster.PostAsync(falco, AlertBodies.Falco(ns: null, pod: null, containerId: Hex('c')[..12]));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("bank/vault-0", (string?)body["pod"]);
        Assert.Equal("Created", Action((status, body)));
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        using var falco = cluster.Client(cluster.FalcoCertificate);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(AlertBodies.Falco().ToJsonString()), TestContext.Current.CancellationToken);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await falco.PostAsync("/falco", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized, "Unauthenticated")]
    [InlineData("wrong-token", HttpStatusCode.Unauthorized, "Unauthenticated")]
    [InlineData("malformed", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("missing-rule", HttpStatusCode.BadRequest, "MissingField")]
    [InlineData("unknown-pod", HttpStatusCode.UnprocessableEntity, "UnknownPod")]
    [InlineData("no-pod-fields", HttpStatusCode.UnprocessableEntity, "UnknownPod")]
    [InlineData("brotli", HttpStatusCode.UnsupportedMediaType, "BadEncoding")]
    [InlineData("corrupt-gzip", HttpStatusCode.UnsupportedMediaType, "BadEncoding")]
    [InlineData("huge", HttpStatusCode.RequestEntityTooLarge, "TooLarge")]
    public async Task Bad_requests_are_refused_with_a_reason(string kind, HttpStatusCode expected, string reason)
    {
        await using var cluster = await WebhookCluster.StartAsync();
        await cluster.AddPodAsync("shop", "web-0", "node-a", Hex('a'));
        using var client = kind switch
        {
            "none" => cluster.Client(),
            "wrong-token" => cluster.Client(token: "guess"),
            _ => cluster.Client(token: WebhookCluster.SidekickToken),
        };
        var alert = AlertBodies.Falco();
        byte[] bytes = kind switch
        {
            "malformed" => Encoding.UTF8.GetBytes("{\"rule\": \"x\", "),
            "missing-rule" => Encoding.UTF8.GetBytes(Without(alert, "rule").ToJsonString()),
            "unknown-pod" => Encoding.UTF8.GetBytes(AlertBodies.Falco(pod: "ghost", containerId: null).ToJsonString()),
            "no-pod-fields" => Encoding.UTF8.GetBytes(AlertBodies.Falco(ns: null, pod: null, containerId: "host").ToJsonString()),
            "corrupt-gzip" => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7],
            "huge" => Encoding.UTF8.GetBytes(new string(' ', 2 << 20) + alert.ToJsonString()),
            _ => Encoding.UTF8.GetBytes(alert.ToJsonString()),
        };
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (kind is "brotli")
        {
            content.Headers.ContentEncoding.Add("br");
        }
        else if (kind is "corrupt-gzip")
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var response = await client.PostAsync("/falco", content, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(reason, (string?)body["reason"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
        Assert.Empty(await cluster.CapturesAsync());
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_in_the_handshake()
    {
        await using var cluster = await WebhookCluster.StartAsync();
        using var rogue = TestPki.Create("rogue-ca");
        using var certificate = rogue.Client("falco");
        using var client = cluster.Client(certificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/falco", new StringContent(AlertBodies.Falco().ToJsonString()), TestContext.Current.CancellationToken));
    }

    private static string Action((HttpStatusCode Status, JsonObject Body) result)
    {
        Assert.Equal(HttpStatusCode.Accepted, result.Status);
        return (string)((JsonArray)result.Body["decisions"]!).Single()!["action"]!;
    }

    private static JsonObject Without(JsonObject body, string member)
    {
        body.Remove(member);
        return body;
    }

    private static string Hex(char digit) => new(digit, 64);
}
