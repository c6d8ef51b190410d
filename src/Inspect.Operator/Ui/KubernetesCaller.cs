using Microsoft.AspNetCore.Http;

namespace Inspect.Operator.Ui;

/// <summary>The user a request's bearer token belongs to, as TokenReview reported it.</summary>
public sealed record KubernetesCaller(string Name, string? Uid, IReadOnlyList<string> Groups, IDictionary<string, IList<string>>? Extra)
{
    /// <summary>The caller the UI's gate authenticated for this request.</summary>
    public static KubernetesCaller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[typeof(KubernetesCaller)] as KubernetesCaller
            ?? throw new InvalidOperationException("the request was not authenticated: the UI's gate did not run");
    }
}
