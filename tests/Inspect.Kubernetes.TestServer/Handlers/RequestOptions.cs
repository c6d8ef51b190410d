using Microsoft.AspNetCore.Http;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>The query parameters of a write: dry run, field manager and field validation.</summary>
public sealed record RequestOptions(bool DryRun, string FieldValidation, string? FieldManager, bool Force)
{
    /// <summary>Reads them from the query string.</summary>
    public static RequestOptions From(IQueryCollection query) => new(
        query["dryRun"].ToString() == "All",
        query["fieldValidation"].ToString() is { Length: > 0 } v ? v : "Warn",
        query["fieldManager"].ToString(),
        query["force"].ToString() == "true");

    /// <summary>Defaults for in-process callers.</summary>
    public static RequestOptions Default { get; } = new(false, "Strict", null, false);
}
