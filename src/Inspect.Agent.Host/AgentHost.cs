using System.Security.Authentication;
using Inspect.Agent.Containers;
using Inspect.Agent.Host.Captures;
using Inspect.Agent.Host.FlightRecorder;
using Inspect.Agent.Host.Grpc;
using Inspect.Agent.Host.Storage;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Protocol.Tls;
using Inspect.Agent.Snapshot;
using Inspect.Storage.Upload;
using Inspect.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host;

/// <summary>
/// The agent process: gRPC (inspect.agent.v1) on a mutual-TLS-only HTTP/2 endpoint, and /healthz and /readyz on a
/// separate plain HTTP/1.1 endpoint that serves nothing else. Every seam (probe, snapshots, targets, artifact
/// stores) is a service a caller can replace, which is how tests run it without root.
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentHost(WebApplication app) => _app = app;

    /// <summary>The gRPC base address once started (<c>https://127.0.0.1:port</c>).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>The health base address once started.</summary>
    public Uri HealthAddress { get; private set; } = null!;

    /// <summary>The captures this agent owns.</summary>
    public CaptureManager Captures => _app.Services.GetRequiredService<CaptureManager>();

    /// <summary>The flight-recorder rings it keeps.</summary>
    public ArmedRings Rings => _app.Services.GetRequiredService<ArmedRings>();

    /// <summary>Builds the agent. <paramref name="configure"/> runs after the defaults, so its registrations win.</summary>
    public static AgentHost Create(AgentHostOptions options, MutualTlsCredentials tls, Action<IServiceCollection>? configure = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tls);
        var builder = WebApplication.CreateSlimBuilder();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.GrpcListen, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tls.Certificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    // No certificate, or one not signed by the CA: the handshake fails, no request is ever read.
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) => CertificateAuthorityCheck.IsIssuedBy(certificate, tls.Authority, out _),
                });
            });
            kestrel.Listen(options.HealthListen, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddGrpc();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IProbeFactory, NativeProbeFactory>();
        services.AddSingleton<ISystemSnapshotSource>(sp => new ProcSnapshotSource(sp.GetRequiredService<TimeProvider>(), options.HostProc));
        services.AddSingleton<IPodMetadataSource, CgroupLayoutPodMetadataSource>();
        services.AddSingleton<ITargetResolver>(_ => new CgroupTargetResolver());
        services.AddSingleton<IArtifactStore, NodeDirectoryArtifactStore>();
        services.AddSingleton(sp => new S3StoreSettings(
            Path.Join(options.SpoolDirectory, "uploads"),
            new UploadOptions { SpoolQuota = Math.Max(options.SpoolQuotaBytes / 2, 2L * new UploadOptions().PartSize) },
            Environment.GetEnvironmentVariable,
            message => sp.GetRequiredService<ILogger<S3ArtifactStore>>().UploadNotice(message)));
        services.AddSingleton<IArtifactStore, S3ArtifactStore>();
        services.AddSingleton(sp => new ArtifactStores(sp.GetServices<IArtifactStore>()));
        services.AddSingleton(new SpoolDirectory(options.SpoolDirectory, options.SpoolQuotaBytes));
        services.AddSingleton(new CaptureManagerSettings(options.NodeName, options.MaxSnaplen));
        services.AddSingleton<ArmedRings>();
        services.AddSingleton(new NodeRedaction(options.Redaction, options.AllowCaptureOptOut));
        services.AddSingleton<CaptureRunner>();
        services.AddSingleton<CaptureManager>();
        services.AddHostedService<CaptureShutdown>();
        services.AddHostedService<SpoolRecovery>();
        services.AddHostedService<StoredFileRecheck>();
        configure?.Invoke(services);

        var app = builder.Build();
        // gRPC only on the TLS endpoint; the plain health endpoint answers nothing but the probes.
        app.Use((context, next) =>
            !context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz")
                ? Results.NotFound().ExecuteAsync(context)
                : next(context));
        app.MapGrpcService<AgentService>();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (SpoolDirectory spool) => spool.IsWritable()
            ? Results.Text("ok")
            : Results.Text($"spool {spool.Path} is not writable", statusCode: StatusCodes.Status503ServiceUnavailable));
        return new AgentHost(app);
    }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .ToList();
        GrpcAddress = addresses.Single(a => a.Scheme == "https");
        HealthAddress = addresses.Single(a => a.Scheme == "http");
    }

    /// <summary>Runs until the process is asked to stop.</summary>
    public Task RunAsync() => _app.RunAsync();

    /// <summary>Stops: running captures are stopped and stored, within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <summary>On shutdown (SIGTERM from the kubelet), stops every capture and lets it store what it recorded.</summary>
    private sealed class CaptureShutdown(CaptureManager captures) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            // The host's shutdown timeout bounds this; the chart gives the pod 60 s to terminate.
            await captures.StopAllAsync(TimeSpan.FromSeconds(50)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
