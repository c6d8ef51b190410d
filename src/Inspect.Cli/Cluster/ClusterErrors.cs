using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;

namespace Inspect.Cli.Cluster;

/// <summary>Turns what the API server (or the network) answered into one clear sentence.</summary>
internal static class ClusterErrors
{
    /// <summary>The message for <paramref name="e"/>, or null when it is not a cluster failure.</summary>
    /// <param name="e">What was thrown.</param>
    /// <param name="server">The API server's URL, for "cannot reach".</param>
    /// <param name="what">What was asked for (<c>capture "x" in namespace "y"</c>), for "not found".</param>
    public static string? Describe(Exception e, string server, string what) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } http when IsMissingResourceType(http) =>
            $"the cluster at {server} does not serve captures.inspect.dev: install the CRDs (helm install inspect charts/inspect, or kubectl apply -f config/crd/)",
        HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } => $"{what} not found",
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } =>
            $"the cluster at {server} refused the credentials (401 Unauthorized): check the kubeconfig's user or token",
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } http =>
            $"forbidden: {StatusMessage(http) ?? "the cluster's RBAC does not allow this"}",
        HttpOperationException http => $"{(int)http.Response.StatusCode} {http.Response.StatusCode}: {StatusMessage(http) ?? http.Message}",
        HttpRequestException { InnerException: AuthenticationException tls } => $"cannot reach the cluster at {server}: TLS: {tls.Message}",
        HttpRequestException { InnerException: SocketException socket } => $"cannot reach the cluster at {server}: {socket.Message}",
        HttpRequestException http => $"cannot reach the cluster at {server}: {http.Message}",
        TaskCanceledException { InnerException: TimeoutException } => $"the cluster at {server} did not answer in time",
        _ => null,
    };

    /// <summary>The <c>message</c> of the meta/v1 Status the server sent with an error.</summary>
    public static string? StatusMessage(HttpOperationException e)
    {
        var body = e.Response.Content;
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                    ? message.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }

    // A 404 for the resource type itself (the CRD is not installed) comes as a Status without details.name, or as
    // the plain "404 page not found" of an unknown path; a missing object names the object in details.name.
    private static bool IsMissingResourceType(HttpOperationException e)
    {
        var body = e.Response.Content;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return !(root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("details", out var details)
                && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("name", out _));
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
