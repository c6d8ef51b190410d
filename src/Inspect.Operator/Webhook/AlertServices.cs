using Inspect.Alerts;
using Inspect.Alerts.Http;
using Inspect.Alerts.Kubernetes;
using Inspect.Alerts.Policies;
using Inspect.Operator.FlightRecorder;
using Inspect.Operator.Hosting;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inspect.Operator.Webhook;

/// <summary>
/// The alert intake inside the operator: the webhook endpoint on its own HTTPS port, the Kubernetes seams it decides
/// with, and the CapturePolicy status writer (a leader task). Only the leader takes alerts: the policies' cooldowns and
/// limits are kept in its memory, so a standby replica answers 503 and the sender retries against the leader. The leader
/// also keeps the agents' flight-recorder rings armed for the policies that ask for <c>preTrigger</c>.
/// </summary>
public static class AlertServices
{
    /// <summary>Registers the intake's services.</summary>
    public static void Add(IServiceCollection services, WebhookSettings webhook, WebhookAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(webhook);
        services.AddSingleton(authentication);
        services.AddSingleton<IPodDirectory>(sp => new KubernetesPodDirectory(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton<IPolicyStore>(sp => new KubernetesPolicyStore(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton<PolicyStatusBook>();
        services.AddSingleton(_ => new AlertMetrics());
        services.AddSingleton(sp => new AlertIntake(
            sp.GetRequiredService<IPodDirectory>(),
            sp.GetRequiredService<IPolicyStore>(),
            sp.GetRequiredService<PolicyStatusBook>(),
            sp.GetRequiredService<AlertMetrics>(),
            new AlertIntakeOptions { ClusterPolicyNamespace = webhook.ClusterPolicyNamespace }));
        services.AddSingleton(sp => new PolicyStatusWriter(sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<PolicyStatusBook>()));
        services.AddSingleton<ILeaderTask, PolicyStatusLoop>();
        services.AddSingleton<FlightRecorderArmer>();
        services.AddSingleton<ILeaderTask>(sp => sp.GetRequiredService<FlightRecorderArmer>());
    }

    /// <summary>Maps <c>POST /falco</c> on the webhook port only.</summary>
    public static void Map(WebApplication app, WebhookSettings webhook, WebhookAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = webhook.Listen.Port;
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port && !context.RequestServices.GetRequiredService<Readiness>().IsLeader)
            {
                context.Response.Headers.RetryAfter = "5";
                return Results.Json(new { reason = "Standby", message = "this operator replica is a standby; alerts are taken by the leader" },
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }

            return next(context);
        });
        app.MapFalcoWebhook(app.Services.GetRequiredService<AlertIntake>(), authentication).RequireHost($"*:{port}");
    }
}
