using System.Runtime.CompilerServices;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer;
using k8s;
using k8s.Models;

namespace Inspect.Kubernetes.Tests.Client;

/// <summary>A test server with Inspect's CRDs installed from config/crd, and an admin KubernetesClient.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(KubeApiTestServer server)
    {
        Server = server;
        Client = server.Client(KubeApiTestServer.AdminToken);
        Captures = new GenericClient(Client, InspectNames.Group, InspectNames.Version, "captures");
    }

    public KubeApiTestServer Server { get; }

    public k8s.Kubernetes Client { get; }

    public GenericClient Captures { get; }

    public static async Task<ServerFixture> StartAsync(KubeApiTestServerOptions? options = null)
    {
        var server = await KubeApiTestServer.StartAsync(options);
        foreach (var file in Directory.GetFiles(Tools.CrdDirectory, "*.yaml"))
        {
            server.ApplyCrdFile(file);
        }

        return new ServerFixture(server);
    }

    public static V1Alpha1Capture Capture(string name, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1Alpha1CaptureSpec
        {
            Targets = new CaptureTargets { PodNames = ["web-0"] },
            Duration = "30s",
        },
    };

    public Task<V1Alpha1Capture> CreateAsync(V1Alpha1Capture capture, string ns = "default") =>
        Captures.CreateNamespacedAsync(capture, ns, TestContext.Current.CancellationToken);

    public Task<V1Alpha1Capture> ReadAsync(string name, string ns = "default") =>
        Captures.ReadNamespacedAsync<V1Alpha1Capture>(ns, name, TestContext.Current.CancellationToken);

    public async Task<V1Alpha1Capture> ReplaceStatusAsync(V1Alpha1Capture capture, string ns = "default")
    {
        var result = await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            capture, InspectNames.Group, InspectNames.Version, ns, "captures", capture.Metadata.Name, cancellationToken: TestContext.Current.CancellationToken);
        return KubernetesJson.Deserialize<V1Alpha1Capture>(KubernetesJson.Serialize(result));
    }

    public Task<V1Alpha1CaptureList> ListAsync(string ns = "default", string? labelSelector = null) =>
        Client.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1CaptureList>(
            InspectNames.Group, InspectNames.Version, ns, "captures", labelSelector: labelSelector, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Watches the Captures of the default namespace, typed.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1Alpha1Capture Object)> Watch(
        string? resourceVersion = null, bool? allowWatchBookmarks = null, string? labelSelector = null, int? timeoutSeconds = null,
        Action<Exception>? onError = null, [EnumeratorCancellation] CancellationToken token = default)
    {
        await foreach (var (type, obj) in Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            InspectNames.Group, InspectNames.Version, "default", "captures", allowWatchBookmarks: allowWatchBookmarks, labelSelector: labelSelector,
            resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: token))
        {
            yield return (type, KubernetesJson.Deserialize<V1Alpha1Capture>(KubernetesJson.Serialize(obj)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(Server.Router.InternalErrors);
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
