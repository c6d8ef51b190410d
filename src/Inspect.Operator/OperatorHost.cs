using System.Security.Authentication;
using Inspect.Agent.Protocol.Tls;
using Inspect.Alerts;
using Inspect.Alerts.Http;
using Inspect.Operator.Agents;
using Inspect.Operator.Controllers;
using Inspect.Operator.Hosting;
using Inspect.Operator.Kubernetes;
using Inspect.Operator.Metrics;
using Inspect.Operator.Ui;
using Inspect.Operator.Webhook;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Inspect.Operator;

/// <summary>
/// The operator process: the leader-elected Capture controller, /healthz and /readyz on the health port, the
/// Prometheus endpoint on the metrics port, and (when configured) the Falco alert webhook and the web UI, each on its
/// own HTTPS port.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorHost(WebApplication app) => _app = app;

    /// <summary>What /readyz reports.</summary>
    public Readiness Readiness => _app.Services.GetRequiredService<Readiness>();

    /// <summary>The controller's leader election (the leader this replica last saw).</summary>
    public LeaderElectedController Election => _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LeaderElectedController>().Single();

    /// <summary>Builds the operator against the API server of <paramref name="kubernetes"/>.</summary>
    public static OperatorHost Create(OperatorHostSettings settings, KubernetesClientConfiguration kubernetes, MutualTlsCredentials tls, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(tls);
        var builder = WebApplication.CreateSlimBuilder();
        logging?.Invoke(builder.Logging);
        var webhook = settings.Webhook;
        var authentication = webhook is null ? null : new WebhookAuthentication(webhook.ClientCa, webhook.Tokens);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.HealthListen, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(settings.MetricsListen, listen => listen.Protocols = HttpProtocols.Http1);
            if (webhook is not null)
            {
                kestrel.Listen(webhook.Listen, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = webhook.ServerCertificate;
                        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                        authentication!.ConfigureHttps(https);
                    });
                });
            }
        });

        var services = builder.Services;
        services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(kubernetes));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Translation);
        services.AddSingleton(settings.Timings);
        services.AddSingleton(settings.LeaderElection);
        services.AddSingleton<Readiness>();
        services.AddSingleton<OperatorMetrics>();
        services.AddSingleton<CaptureApi>();
        services.AddSingleton<ClusterViewReader>();
        services.AddSingleton<StorageSecretReader>();
        services.AddSingleton(sp => new LostAgentArtifacts(sp.GetRequiredService<StorageSecretReader>(), Environment.GetEnvironmentVariable, clock: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CaptureEventRecorder>();
        services.AddSingleton(sp => new AgentDirectory(sp.GetRequiredService<IKubernetes>(), settings.AgentNamespace, settings.AgentSelector, settings.AgentPort));
        services.AddSingleton(_ => new AgentConnections(tls, settings.AgentService));
        services.AddSingleton<AgentGateway>();
        services.AddSingleton<CaptureReconciler>();
        services.AddSingleton(sp => new CaptureController(
            sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<CaptureReconciler>(), sp.GetRequiredService<OperatorMetrics>(), sp.GetRequiredService<Readiness>(),
            sp.GetRequiredService<ILogger<CaptureController>>())
        {
            Workers = settings.Workers,
        });
        services.AddHostedService<LeaderElectedController>();
        if (webhook is not null)
        {
            AlertServices.Add(services, webhook, authentication!);
        }

        if (settings.Ui is { } ui)
        {
            services.AddSingleton(sp => new UiHost(ui, sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<CaptureApi>(), sp.GetRequiredService<StorageSecretReader>(),
                settings.Translation.DefaultOutput, sp.GetRequiredService<TimeProvider>()));
            services.AddHostedService(sp => sp.GetRequiredService<UiHost>());
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(OperatorMetrics.MeterName, AlertMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        var health = $"*:{settings.HealthListen.Port}";
        app.MapGet("/healthz", () => Results.Text("ok")).RequireHost(health);
        app.MapGet("/readyz", (Readiness readiness) => readiness.IsReady
            ? Results.Text("ok")
            : Results.Text(readiness.IsLeader ? "leading; Captures not listed yet" : "waiting to see the leader Lease", statusCode: StatusCodes.Status503ServiceUnavailable))
            .RequireHost(health);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireHost($"*:{settings.MetricsListen.Port}");
        if (webhook is not null)
        {
            AlertServices.Map(app, webhook, authentication!);
        }

        return new OperatorHost(app);
    }

    /// <summary>Starts listening and competing for the Lease.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Runs until the process is asked to stop.</summary>
    public Task RunAsync() => _app.RunAsync();

    /// <summary>Stops the controller and the endpoints.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The agent channels are the host's singletons; disposing the app disposes them.
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
