using System.IO.Compression;
using Inspect.Alerts.Falco;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Inspect.Alerts.Http;

/// <summary>
/// <c>POST /falco</c>: one alert per request, as Falco's <c>http_output</c> and Falcosidekick's webhook send it,
/// optionally gzip-encoded. 202 with what was done; 400/413/415 for bodies that cannot be used, 401 without
/// credentials, 422 for an alert about no known pod — each with a JSON <c>reason</c> and <c>message</c> and counted by
/// reason in the metrics.
/// </summary>
public static class FalcoWebhookEndpoint
{
    /// <summary>The default path.</summary>
    public const string DefaultPath = "/falco";

    /// <summary>Bodies larger than this (after decompression) are refused; Falco alerts are a few KiB.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Maps the webhook at <paramref name="path"/>.</summary>
    public static IEndpointConventionBuilder MapFalcoWebhook(this IEndpointRouteBuilder endpoints, AlertIntake intake, WebhookAuthentication authentication, string path = DefaultPath) =>
        endpoints.MapPost(path, (Delegate)((HttpContext context) => HandleAsync(context, intake, authentication)));

    private static async Task<IResult> HandleAsync(HttpContext context, AlertIntake intake, WebhookAuthentication authentication)
    {
        intake.Metrics.Received();
        try
        {
            if (authentication.Authenticate(context) is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                throw new AlertRejectedException(AlertRejection.Unauthenticated, "present a client certificate issued by the webhook's CA, or an Authorization: Bearer token");
            }

            var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var alert = FalcoAlertParser.Parse(body.Span);
            var outcome = await intake.HandleAsync(alert, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(
                new
                {
                    duplicate = outcome.Duplicate,
                    pod = outcome.Pod is { } pod ? $"{pod.Namespace}/{pod.Name}" : null,
                    decisions = outcome.Decisions.Select(d => new { policy = d.Policy.ToString(), action = d.Action.ToString(), capture = d.Capture }),
                },
                statusCode: StatusCodes.Status202Accepted);
        }
        catch (AlertRejectedException e)
        {
            intake.Metrics.Rejected(e.Reason);
            return Results.Json(new { reason = e.Reason, message = e.Message }, statusCode: StatusFor(e.Reason));
        }
    }

    private static int StatusFor(string reason) => reason switch
    {
        AlertRejection.Unauthenticated => StatusCodes.Status401Unauthorized,
        AlertRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
        AlertRejection.BadEncoding => StatusCodes.Status415UnsupportedMediaType,
        AlertRejection.UnknownPod => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new AlertRejectedException(AlertRejection.TooLarge, $"the body has {request.ContentLength} bytes; alerts are limited to {MaxBodyBytes}");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        Stream source = encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new AlertRejectedException(AlertRejection.BadEncoding, $"Content-Encoding \"{encoding}\" is not supported; send identity or gzip"),
        };

        await using (source.ConfigureAwait(false))
        {
            // Stop one chunk past the limit, so neither a long body nor a gzip bomb is buffered whole.
            using var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            try
            {
                int read;
                while (body.Length <= MaxBodyBytes && (read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    body.Write(chunk, 0, read);
                }
            }
            catch (InvalidDataException e)
            {
                throw new AlertRejectedException(AlertRejection.BadEncoding, $"the gzip body is corrupt: {e.Message}");
            }

            return body.Length > MaxBodyBytes
                ? throw new AlertRejectedException(AlertRejection.TooLarge, $"the body is larger than {MaxBodyBytes} bytes")
                : body.GetBuffer().AsMemory(0, (int)body.Length);
        }
    }
}
