using Inspect.Crds.Capture;
using Inspect.Operator.Kubernetes;
using Inspect.Ui;
using k8s;
using Microsoft.Extensions.Hosting;

namespace Inspect.Operator.Ui;

/// <summary>
/// Runs <c>inspect ui</c>'s server inside the operator, on its own HTTPS port, over the cluster's Captures: the same
/// pages and API as for local files, behind Kubernetes authentication, plus the Captures page's list of Capture
/// resources and its creation form. Every replica serves it (it reads, and creates Captures the controller then runs).
/// </summary>
public sealed class UiHost(UiSettings settings, IKubernetes client, CaptureApi captures, StorageSecretReader secrets, S3Output? defaultOutput, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private UiServer? _server;

    /// <summary>The address it listens on, once started.</summary>
    public Uri? Address => _server?.Address;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var authentication = new CallerAuthentication(client, new ReviewCache<KubernetesCaller?>(settings.ReviewCacheDuration, time));
        var access = new CaptureAccess(client, new ReviewCache<bool>(settings.ReviewCacheDuration, time));
        var catalog = new ClusterCaptureCatalog(captures, access, secrets, new ArtifactDownloads(settings.CacheDirectory, settings.CacheBytes), defaultOutput, Environment.GetEnvironmentVariable);
        _server = await UiServer.StartAsync(new UiOptions
        {
            Listen = settings.Listen.ToString(),
            Certificate = settings.ServerCertificate,
            Catalog = catalog,
            Resources = new ClusterCaptureResources(captures, access, defaultOutput),
            Gate = authentication.AuthenticateAsync,
            Pacing = settings.Pacing,
        }).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
