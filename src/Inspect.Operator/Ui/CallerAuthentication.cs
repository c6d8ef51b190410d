using System.Security.Cryptography;
using System.Text;
using Inspect.Ui;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Inspect.Operator.Ui;

/// <summary>
/// The UI's gate: every API request carries the caller's Kubernetes bearer token, which the API server checks
/// (TokenReview); the user it names is then what SubjectAccessReview decides for. Refusals are 401 with the reason.
/// </summary>
public sealed class CallerAuthentication(IKubernetes client, ReviewCache<KubernetesCaller?> cache)
{
    /// <summary>Authenticates the request, or throws a 401 <see cref="ApiException"/> saying why not.</summary>
    public async Task AuthenticateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw Unauthorized(http, "no bearer token: the UI in the cluster needs the caller's Kubernetes token in 'Authorization: Bearer ...' (`inspect ui --cluster` sends the one of your kubeconfig)");
        }

        var token = header[scheme.Length..].Trim();
        // Keyed by a hash: the cache never holds a token.
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var caller = await cache.GetOrAddAsync(key, () => ReviewAsync(token, http.RequestAborted)).ConfigureAwait(false);
        if (caller is null)
        {
            throw Unauthorized(http, "the API server did not accept the bearer token (TokenReview): it is invalid or expired");
        }

        http.Items[typeof(KubernetesCaller)] = caller;
    }

    private async Task<KubernetesCaller?> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        V1TokenReview review;
        try
        {
            review = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw new ApiException(503, $"the operator could not have the token reviewed: the API server answered {(int)e.Response.StatusCode} to its TokenReview (does the operator's ClusterRole allow creating tokenreviews?)");
        }

        return review.Status is { Authenticated: true, User: { } user }
            ? new KubernetesCaller(user.Username, user.Uid, [.. user.Groups ?? []], user.Extra)
            : null;
    }

    private static ApiException Unauthorized(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return new ApiException(401, message);
    }
}
