using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Security;

/// <summary>
/// Refuses requests that change something unless they come from the UI's own pages. A browser adds the user's
/// credentials to any site's request, and in the cluster `inspect ui --cluster` adds the user's token to every request
/// that reaches it, so a form on another site could otherwise create Captures in the user's name. The UI's pages send
/// <see cref="HeaderName"/>, which another origin cannot add without a CORS preflight this server never grants; and
/// where the browser says which origin a request comes from (<c>Origin</c>, <c>Sec-Fetch-Site</c>), it must be this one.
/// </summary>
public static class CrossSiteGuard
{
    /// <summary>The header the UI's pages send with every request that changes something.</summary>
    public const string HeaderName = "X-Inspect-Request";

    /// <summary>True for methods that only read (they need no guard: another site cannot read their answers).</summary>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>Throws a 403 <see cref="ApiException"/> naming why, unless <paramref name="request"/> is the UI's own.</summary>
    public static void Demand(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsSafe(request.Method))
        {
            return;
        }

        if (request.Headers[HeaderName] != "1")
        {
            throw new ApiException(403, $"refused: a {request.Method} must come from the Inspect UI's own pages (they send '{HeaderName}: 1'); requests from other sites cannot change anything");
        }

        var origin = request.Headers.Origin.ToString();
        var own = request.Scheme + "://" + request.Host.Value;
        if (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(403, $"refused: the request comes from {origin}, not from the Inspect UI at {own}");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            throw new ApiException(403, $"refused: the browser reports the request as {site}, not from the Inspect UI's own pages");
        }
    }
}
