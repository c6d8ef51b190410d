using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Kubernetes.TestServer.Handlers;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inspect.Kubernetes.TestServer;

/// <summary>An in-process Kubernetes API server on Kestrel (plain HTTP on a loopback port), for tests: start it,
/// point a client (kubectl through <see cref="WriteKubeconfig"/>, or KubernetesClient) at <see cref="Url"/>,
/// program users and grants through <see cref="Access"/>, seed objects through <see cref="Service"/>.</summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private KubeApiTestServer(WebApplication app, ResourceService service, AccessControl access, ApiRouter router, CancellationTokenSource stopping)
    {
        _app = app;
        _stopping = stopping;
        Service = service;
        Access = access;
        Router = router;
    }

    /// <summary>The bearer token of the built-in <c>admin</c> user (group <c>system:masters</c>), which kubeconfigs
    /// carry unless told otherwise: over TLS, kubectl prompts for credentials when a kubeconfig has none.</summary>
    public const string AdminToken = "inspect-test-admin-token";

    /// <summary>The serving certificate (also the CA clients trust), or null for plain HTTP.</summary>
    public X509Certificate2? Certificate { get; private init; }

    /// <summary>The base URL (<c>https://127.0.0.1:port</c>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The resource semantics and the store, for seeding and inspecting objects directly.</summary>
    public ResourceService Service { get; }

    /// <summary>Tokens, users and grants.</summary>
    public AccessControl Access { get; }

    /// <summary>The router, with its request log.</summary>
    public ApiRouter Router { get; }

    /// <summary>The store.</summary>
    public ObjectStore Store => Service.Store;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<KubeApiTestServer> StartAsync(KubeApiTestServerOptions? options = null)
    {
        options ??= new KubeApiTestServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = options.UseTls ? TestCertificate.Create() : null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();

        var store = new ObjectStore(options.HistoryLimit);
        var service = new ResourceService(store, new ResourceRegistry(), new CustomResourceAdmission(options.Cel));
        var access = new AccessControl();
        KubeApiTestServer? server = null;
        var stopping = new CancellationTokenSource();
        var router = new ApiRouter(service, access, new WatchStream(service, options.BookmarkInterval), () => new Uri(server!.Url).Authority, stopping.Token);
        server = new KubeApiTestServer(app, service, access, router, stopping) { Certificate = certificate };
        app.Run(router.Handle);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        access.AddUser("admin", AdminToken, "system:masters");
        foreach (var ns in options.Namespaces)
        {
            server.CreateNamespace(ns);
        }

        return server;
    }

    /// <summary>Creates a namespace.</summary>
    public JsonObject CreateNamespace(string name, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        return Create("", "v1", "namespaces", null, new JsonObject { ["metadata"] = metadata });
    }

    /// <summary>Creates any object, as a POST would (in-process, no authorization).</summary>
    public JsonObject Create(string group, string version, string plural, string? ns, JsonObject obj) =>
        Service.Create(Type(group, version, plural), ns, obj, RequestOptions.Default).Object;

    /// <summary>Registers every CustomResourceDefinition in a YAML file, as <c>kubectl apply</c> would create it.</summary>
    public void ApplyCrdFile(string path)
    {
        foreach (var crd in Yaml.YamlToJson.ParseDocuments(File.ReadAllText(path)))
        {
            Create("apiextensions.k8s.io", "v1", "customresourcedefinitions", null, crd);
        }
    }

    /// <summary>Drops the watch history: watches from any earlier resourceVersion get 410 Gone.</summary>
    public void Compact() => Store.Compact();

    /// <summary>Writes a kubeconfig for this server whose requests carry a bearer token (the admin's by default).</summary>
    public string WriteKubeconfig(string path, string token = AdminToken, string ns = "default")
    {
        var user = $"{{token: {token}}}";
        var authority = Certificate is null ? "" : $", certificate-authority-data: {TestCertificate.AuthorityData(Certificate)}";
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {server: "{{Url}}"{{authority}}}
            users:
            - name: test
              user: {{user}}
            contexts:
            - name: test
              context: {cluster: test, user: test, namespace: {{ns}}}
            current-context: test
            """);
        return path;
    }

    /// <summary>A KubernetesClient configuration for this server (trusting its certificate), with an optional token.</summary>
    public KubernetesClientConfiguration ClientConfiguration(string? token = null) => new()
    {
        Host = Url,
        AccessToken = token,
        SslCaCerts = Certificate is null ? null : new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(Certificate.RawData)),
    };

    /// <summary>A KubernetesClient for this server.</summary>
    public k8s.Kubernetes Client(string? token = null) => new(ClientConfiguration(token));

    /// <summary>The served type at group/version/plural.</summary>
    public ResourceType Type(string group, string version, string plural) =>
        Service.Registry.Find(group, version, plural) ?? throw new InvalidOperationException($"{plural}.{group}/{version} is not served");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
