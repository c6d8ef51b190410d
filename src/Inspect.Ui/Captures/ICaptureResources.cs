using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Captures;

/// <summary>
/// The Capture resources behind the served captures, where there are any (the operator in the cluster): the Captures
/// page lists them whole (phase, nodes, artifacts, headline tiles) and its form creates new ones.
/// </summary>
public interface ICaptureResources
{
    /// <summary>The Captures the caller may see, and what the creation form starts from (<c>GET /api/cluster/captures</c>).</summary>
    Task<JsonObject> ListAsync(HttpContext http, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the Capture the form describes (<c>POST /api/cluster/captures</c>) and answers what was created; an
    /// <see cref="ApiException"/> naming what is wrong when the caller may not, or the API server refuses it.
    /// </summary>
    Task<JsonObject> CreateAsync(HttpContext http, JsonObject form, CancellationToken cancellationToken);
}
