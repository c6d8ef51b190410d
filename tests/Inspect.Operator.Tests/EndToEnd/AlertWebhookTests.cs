using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Kubernetes.Runtime.Watching;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Webhook;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The Falco webhook served by the operator host: an alert posted over TLS with Falco's client certificate (or
/// Falcosidekick's bearer token) becomes a Capture of the alerting pod that the reconciler runs to Succeeded on the
/// in-process agents; the leader writes the match into the CapturePolicy's status.
/// </summary>
public sealed class AlertWebhookTests
{
    private const string Token = "sidekick-token-for-operator-tests";
    private const string ContainerId = "5b1e0c7d9a3f";

    [Fact]
    public async Task A_posted_falco_alert_creates_a_capture_of_the_pod_that_runs_to_succeeded()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        var pod = await cluster.AddPodAsync("default", "web-0", "node-a", ContainerId);
        await AddPolicyAsync(cluster);
        var webhook = Webhook();
        await cluster.StartOperatorAsync(webhook: webhook);
        await WaitForLeaderAsync(webhook);

        using var falco = Client(webhook, TestCertificates.Instance.Falco);
        using var response = await falco.PostAsJsonAsync("/falco", Alert("web-0"), TestContext.Current.CancellationToken);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var decision = Assert.Single(body["decisions"]!.AsArray());
        Assert.Equal("Created", (string?)decision!["action"]);
        var name = (string)decision["capture"]!;

        var done = await cluster.WaitForAsync(name, c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded", TimeSpan.FromSeconds(40));
        Assert.Equal("Terminal shell in container", done.Spec.Trigger!.Rule);
        Assert.Equal("shells", done.Spec.Trigger.Policy);
        var node = Assert.Single(done.Status!.Nodes!);
        Assert.Equal("node-a", node.Node);
        Assert.True(File.Exists(CaptureFiles.PathOf(node.ArtifactUri!, "node-a")));

        // The agent recorded exactly the alerting pod's cgroup, and nothing ran on the other node.
        var probe = Assert.Single(cluster.Agents["node-a"].Probes!.Opened);
        var target = Assert.Single(probe.Targets);
        Assert.EndsWith($"/pod{pod.Metadata.Uid}", target, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Agents["node-b"].Host.Captures.SessionsStarted);

        // The leader writes the match into the policy's status.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        V1Alpha1CapturePolicy policy;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            policy = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
                InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies", "shells", TestContext.Current.CancellationToken);
        }
        while (policy.Status?.CapturesCreated is not 1 && DateTime.UtcNow < deadline);
        Assert.Equal(1, policy.Status?.CapturesCreated);
        Assert.Equal(name, Assert.Single(policy.Status!.RecentMatches!).Capture);
    }

    [Fact]
    public async Task The_webhook_takes_bearer_tokens_and_refuses_callers_without_credentials()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.AddPodAsync("default", "web-0", "node-a", ContainerId);
        await AddPolicyAsync(cluster);
        var webhook = Webhook();
        await cluster.StartOperatorAsync(webhook: webhook);
        await WaitForLeaderAsync(webhook);
        var token = TestContext.Current.CancellationToken;

        using var anonymous = Client(webhook);
        using var refused = await anonymous.PostAsJsonAsync("/falco", Alert("web-0"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Unauthenticated", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>(token))!["reason"]);

        using var sidekick = Client(webhook, token: Token);
        var alert = Alert("web-0");
        alert["uuid"] = "9f1c1c1e-2f70-4a8f-9a56-0d1e7f1f0001";
        using var accepted = await sidekick.PostAsJsonAsync("/falco", alert, token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var repeated = await sidekick.PostAsJsonAsync("/falco", alert, token);
        Assert.True((bool)(await repeated.Content.ReadFromJsonAsync<JsonObject>(token))!["duplicate"]!);

        // The webhook is on its own port: the health port does not serve it.
        using var http = new HttpClient();
        using var wrongPort = await http.PostAsJsonAsync($"http://127.0.0.1:{cluster.LastSettings!.HealthListen.Port}/falco", alert, token);
        Assert.Equal(HttpStatusCode.NotFound, wrongPort.StatusCode);
    }

    [Fact]
    public async Task A_standby_answers_503_with_retry_after_and_takes_alerts_once_it_leads()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.AddPodAsync("default", "web-0", "node-a", ContainerId);
        await AddPolicyAsync(cluster);
        var token = TestContext.Current.CancellationToken;
        var leaderWebhook = Webhook();
        var leader = await cluster.StartOperatorAsync(identity: "operator-1", webhook: leaderWebhook);
        await WaitForLeaderAsync(leaderWebhook);
        var standbyWebhook = Webhook();
        await cluster.StartOperatorAsync(identity: "operator-2", webhook: standbyWebhook);

        // The standby refuses, naming itself, and tells the sender when to try again (Falcosidekick retries).
        using var sidekick = Client(standbyWebhook, token: Token);
        var alert = Alert("web-0");
        alert["uuid"] = "9f1c1c1e-2f70-4a8f-9a56-0d1e7f1f0002";
        using (var refused = await sidekick.PostAsJsonAsync("/falco", alert, token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal("Standby", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>(token))!["reason"]);
        }

        // Refused alerts were not taken: nothing was created and nothing remembered as a duplicate.
        var captures = await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<CustomResourceList<V1Alpha1Capture>>(
            InspectNames.Group, InspectNames.Version, "default", "captures", cancellationToken: token);
        Assert.Empty(captures.Items);

        // The leader goes; the standby takes the Lease and the sender's retry creates the Capture.
        await cluster.StopOperatorAsync(leader);
        await WaitForLeaderAsync(standbyWebhook);
        using var accepted = await sidekick.PostAsJsonAsync("/falco", alert, token);
        var body = (await accepted.Content.ReadFromJsonAsync<JsonObject>(token))!;
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        Assert.False((bool)body["duplicate"]!);
        Assert.Equal("Created", (string?)Assert.Single(body["decisions"]!.AsArray())!["action"]);
    }

    private static WebhookSettings Webhook() => new()
    {
        Listen = FreePort.Loopback(),
        ServerCertificate = TestCertificates.Instance.Webhook,
        ClientCa = TestCertificates.Instance.Authority,
        Tokens = [Token],
        ClusterPolicyNamespace = OperatorCluster.AgentNamespace,
        PolicyStatusInterval = TimeSpan.FromMilliseconds(200),
    };

    private static Task WaitForLeaderAsync(WebhookSettings webhook) => WebhookCalls.WaitForLeaderAsync(webhook, Token);

    private static HttpClient Client(WebhookSettings webhook, X509Certificate2? certificate = null, string? token = null) =>
        WebhookCalls.Client(webhook, certificate, token);

    private static Task<V1Alpha1CapturePolicy> AddPolicyAsync(OperatorCluster cluster) =>
        cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
            new V1Alpha1CapturePolicy
            {
                Metadata = new V1ObjectMeta { Name = "shells", NamespaceProperty = OperatorCluster.AgentNamespace },
                Spec = new V1Alpha1CapturePolicySpec
                {
                    Match = new PolicyMatch { Rules = ["Terminal shell in container"] },
                    Template = new CaptureTemplate
                    {
                        Scope = CaptureScope.Pod,
                        Spec = new V1Alpha1CaptureSpec { Duration = "1s", Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "alerts" } } },
                    },
                },
            },
            InspectNames.Group, InspectNames.Version, OperatorCluster.AgentNamespace, "capturepolicies");

    // Falco's http_output body (json_output: true) for a shell in the pod's container.
    private static JsonObject Alert(string pod) => new()
    {
        ["hostname"] = "node-a",
        ["output"] = $"A shell was spawned in a container with an attached terminal (user=root k8s_pod_name={pod} container_id={ContainerId})",
        ["output_fields"] = new JsonObject
        {
            ["container.id"] = ContainerId,
            ["evt.time"] = 1795428930123456789,
            ["k8s.ns.name"] = "default",
            ["k8s.pod.name"] = pod,
            ["proc.cmdline"] = "bash",
            ["user.name"] = "root",
        },
        ["priority"] = "Notice",
        ["rule"] = "Terminal shell in container",
        ["source"] = "syscall",
        ["tags"] = new JsonArray("container", "shell", "mitre_execution"),
        ["time"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };
}
