using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Inspect.Alerts.Http;
using Inspect.Alerts.Kubernetes;
using Inspect.Alerts.Policies;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Kubernetes.Runtime.Watching;
using Inspect.Kubernetes.TestServer;
using Inspect.TestSupport;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspect.Alerts.Tests;

/// <summary>
/// The webhook as the operator runs it — Kestrel over TLS with client certificates and bearer tokens — in front of
/// the alert intake, against the Kubernetes API test server (which behaves like kube-apiserver) holding the CRDs,
/// pods and policies.
/// </summary>
internal sealed class WebhookCluster : IAsyncDisposable
{
    public const string SidekickToken = "sidekick-bearer-token-for-tests";

    private WebApplication? _app;
    private KubernetesPolicyStore? _store;

    private WebhookCluster(KubeApiTestServer api, TestPki pki)
    {
        Api = api;
        Pki = pki;
        Kube = api.Client(KubeApiTestServer.AdminToken);
        ServerCertificate = pki.Server();
        FalcoCertificate = pki.Client("falco");
    }

    public KubeApiTestServer Api { get; }

    public k8s.Kubernetes Kube { get; }

    public TestPki Pki { get; }

    public X509Certificate2 ServerCertificate { get; }

    public X509Certificate2 FalcoCertificate { get; }

    public AlertIntake Intake { get; private set; } = null!;

    public PolicyStatusBook Book { get; private set; } = null!;

    public string Url { get; private set; } = "";

    public static async Task<WebhookCluster> StartAsync()
    {
        var api = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { Namespaces = ["default", "shop", "bank", "inspect-system"] });
        api.ApplyCrdFile(Path.Combine(RepoPaths.RepoRoot, "config", "crd", "inspect.dev_captures.yaml"));
        api.ApplyCrdFile(Path.Combine(RepoPaths.RepoRoot, "config", "crd", "inspect.dev_capturepolicies.yaml"));
        var cluster = new WebhookCluster(api, TestPki.Create());
        await cluster.StartOperatorAsync();
        return cluster;
    }

    /// <summary>Starts (or, after <see cref="StopOperatorAsync"/>, restarts) the webhook with a fresh intake, as a new operator process would.</summary>
    public async Task StartOperatorAsync()
    {
        _store = new KubernetesPolicyStore(Kube, policyCacheLifetime: TimeSpan.Zero);
        Book = new PolicyStatusBook();
        Intake = new AlertIntake(new KubernetesPodDirectory(Kube), _store, Book, new AlertMetrics());
        var authentication = new WebhookAuthentication(Pki.Ca, [SidekickToken]);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = ServerCertificate;
            authentication.ConfigureHttps(https);
        })));
        _app = builder.Build();
        _app.MapFalcoWebhook(Intake, authentication);
        _app.MapGet("/healthz", () => "ok");
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task StopOperatorAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _store?.Dispose();
        Intake.Metrics.Dispose();
    }

    /// <summary>A client that trusts the test CA, presenting <paramref name="certificate"/> and/or <paramref name="token"/>.</summary>
    public HttpClient Client(X509Certificate2? certificate = null, string? token = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, server, _, _) => Pki.Trusts(server),

            // A sender keeps a few connections open, as Falcosidekick does; a thousand TLS handshakes at once would
            // test the machine, not the webhook.
            MaxConnectionsPerServer = 8,
        };
        if (certificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<V1Pod> AddPodAsync(string ns, string name, string node, string containerId, IDictionary<string, string>? labels = null)
    {
        var pod = await Kube.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "web", Image = "nginx" }] },
            },
            ns);
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses = [new V1ContainerStatus { Name = "web", Image = "nginx", ImageID = "", Ready = true, RestartCount = 0, ContainerID = "containerd://" + containerId }],
        };
        return await Kube.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, ns);
    }

    public async Task<V1Alpha1CapturePolicy> AddPolicyAsync(string ns, string name, PolicyMatch match, PolicyLimits? limits = null, bool dryRun = false, CaptureScope scope = CaptureScope.Pod)
    {
        var policy = new V1Alpha1CapturePolicy
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1Alpha1CapturePolicySpec
            {
                Match = match,
                Template = new CaptureTemplate { Scope = scope, Spec = new V1Alpha1CaptureSpec { Duration = "2m", PreTrigger = "30s", Snaplen = 128 } },
                Limits = limits,
                DryRun = dryRun,
            },
        };
        return await Kube.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(policy, InspectNames.Group, InspectNames.Version, ns, "capturepolicies");
    }

    public async Task<V1Alpha1CapturePolicy> PolicyAsync(string ns, string name) =>
        await Kube.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(InspectNames.Group, InspectNames.Version, ns, "capturepolicies", name);

    public async Task<IList<V1Alpha1Capture>> CapturesAsync() =>
        (await Kube.CustomObjects.ListClusterCustomObjectAsync<CustomResourceList<V1Alpha1Capture>>(InspectNames.Group, InspectNames.Version, "captures")).Items;

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, JsonObject alert)
    {
        using var response = await client.PostAsJsonAsync("/falco", alert);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        Kube.Dispose();
        ServerCertificate.Dispose();
        FalcoCertificate.Dispose();
        Pki.Dispose();
        await Api.DisposeAsync();
    }
}
