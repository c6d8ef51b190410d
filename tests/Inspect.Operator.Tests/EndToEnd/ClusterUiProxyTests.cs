using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Inspect.Cli.Cluster;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Ui;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// <c>inspect ui --cluster</c>'s parts against the API test server and an operator serving the UI: the operator pod
/// and its UI port are found through the API with the user's kubeconfig, the kubeconfig's token is what the local
/// proxy adds to each request (so the user sees their own namespaces' Captures), the operator's certificate is checked
/// against the CA given, and requests for other host names are refused. The test server has no port-forward
/// subresource, so a TCP connection to the UI port stands in for the WebSocket port-forward.
/// </summary>
public sealed class ClusterUiProxyTests
{
    private const string AliceToken = "alice-token";

    [Fact]
    public async Task The_proxy_reaches_the_operator_pod_with_the_kubeconfig_token()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        var ct = TestContext.Current.CancellationToken;
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            cluster.Server.CreateNamespace(ns);
            var capture = OperatorCluster.WholeNodeCapture("capture-in-" + ns, "1s");
            capture.Metadata.NamespaceProperty = ns;
            await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(capture, InspectNames.Group, InspectNames.Version, ns, "captures", cancellationToken: ct);
        }

        cluster.Server.Access.AddUser("alice", AliceToken);
        cluster.Server.Access.Allow(new AccessRule("alice", ["get"], ["captures"], "team-a", InspectNames.Group));
        var ui = new UiSettings { Listen = FreePort.Loopback(), ServerCertificate = TestCertificates.Instance.Webhook, CacheDirectory = Path.Join(cluster.Root, "ui-cache") };
        await cluster.StartOperatorAsync(ui: ui);

        // alice's kubeconfig, as kubectl would use it.
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "alice.kubeconfig"), AliceToken));
        using var client = new k8s.Kubernetes(config);
        var token = await KubeconfigToken.ReadAsync(config, ct);
        Assert.Equal(AliceToken, token);

        // Before the chart's operator pod exists, and while it does not serve the UI: said plainly.
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => OperatorUi.FindAsync(client, OperatorCluster.AgentNamespace, OperatorUi.DefaultSelector, ct));
        Assert.Contains("no operator pod in namespace inspect", missing.Message, StringComparison.Ordinal);
        await PublishOperatorPodAsync(cluster, "inspect-operator-old", uiPort: null);
        var noUi = await Assert.ThrowsAsync<InvalidOperationException>(() => OperatorUi.FindAsync(client, OperatorCluster.AgentNamespace, OperatorUi.DefaultSelector, ct));
        Assert.Contains("operator.ui.enabled=true", noUi.Message, StringComparison.Ordinal);

        await PublishOperatorPodAsync(cluster, "inspect-operator-0", ui.Listen.Port);
        var target = await OperatorUi.FindAsync(client, OperatorCluster.AgentNamespace, OperatorUi.DefaultSelector, ct);
        Assert.Equal(new OperatorUi(OperatorCluster.AgentNamespace, "inspect-operator-0", ui.Listen.Port), target);

        await using (var proxy = await UiProxy.StartAsync("127.0.0.1:0", c => ConnectAsync(target.Port, c), TestCertificates.Instance.Authority, token))
        {
            using var browser = new HttpClient { BaseAddress = proxy.Address };

            // No header from the browser: the proxy adds alice's token, and she sees team-a only.
            var list = JsonDocument.Parse(await browser.GetStringAsync("/api/captures", ct)).RootElement.GetProperty("captures");
            var names = list.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.StartsWith("team-a/capture-in-team-a", n, StringComparison.Ordinal));

            // The pages come through too, and refusals keep their status and reason.
            Assert.Contains("<title>Inspect</title>", await browser.GetStringAsync("/", ct), StringComparison.Ordinal);
            using var forbidden = await browser.GetAsync("/api/overview?capture=team-b/capture-in-team-b/node-a", ct);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("user \"alice\" may not get captures.inspect.dev in namespace \"team-b\"", await MessageAsync(forbidden));

            // A change sent by another site (the token is added to whatever reaches the port) is refused by the
            // proxy itself; the operator behind it could not see the browser's Origin.
            using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/cluster/captures") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") })
            {
                crossSite.Headers.Add(Inspect.Ui.Security.CrossSiteGuard.HeaderName, "1");
                crossSite.Headers.Add("Origin", "https://evil.example");
                using var refusedChange = await browser.SendAsync(crossSite, ct);
                Assert.Equal(HttpStatusCode.Forbidden, refusedChange.StatusCode);
                Assert.Contains("comes from https://evil.example", await MessageAsync(refusedChange), StringComparison.Ordinal);
            }

            // A request addressed to another host name (a web page rebinding its name to loopback) is refused.
            using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/captures");
            rebound.Headers.Host = "evil.example";
            using var refused = await browser.SendAsync(rebound, ct);
            Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        }

        // Checked against another CA, the operator's certificate is refused: 502 saying the UI cannot be reached.
        await using (var wrongCa = await UiProxy.StartAsync("127.0.0.1:0", c => ConnectAsync(target.Port, c), TestCertificates.Instance.Stranger, token))
        {
            using var browser = new HttpClient { BaseAddress = wrongCa.Address };
            using var response = await browser.GetAsync("/api/captures", ct);
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Contains("cannot reach the operator's UI", await MessageAsync(response), StringComparison.Ordinal);
        }

        // A token the API server does not accept: the operator's 401 and its reason reach the browser.
        await using (var stale = await UiProxy.StartAsync("127.0.0.1:0", c => ConnectAsync(target.Port, c), null, "expired-token"))
        {
            using var browser = new HttpClient { BaseAddress = stale.Address };
            using var response = await browser.GetAsync("/api/captures", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("did not accept the bearer token", await MessageAsync(response), StringComparison.Ordinal);
        }
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetProperty("message").GetString()!;

    // The stand-in for the port-forward: a connection to the UI port on loopback.
    internal static async ValueTask<Stream> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    // The operator pod as the chart's Deployment makes it: labelled, Running and Ready, with the UI port when enabled.
    private static async Task PublishOperatorPodAsync(OperatorCluster cluster, string name, int? uiPort)
    {
        var ports = new List<V1ContainerPort> { new() { Name = "metrics", ContainerPort = 8080 } };
        if (uiPort is { } port)
        {
            ports.Add(new V1ContainerPort { Name = "ui", ContainerPort = port });
        }

        var pod = await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "inspect", ["app.kubernetes.io/component"] = "operator" },
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "operator", Image = "inspect-operator", Ports = ports }] },
        }, OperatorCluster.AgentNamespace);
        pod.Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        await cluster.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, OperatorCluster.AgentNamespace);
    }
}
