using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Captures;

/// <summary>
/// Where the served captures come from: a local directory (<see cref="CaptureDirectory"/>) or, in the operator, the
/// Captures of the cluster the caller may see. The request is passed along so a catalog can decide per caller.
/// </summary>
public interface ICaptureCatalog
{
    /// <summary>What the captures page is titled after: the directory's name, or the cluster.</summary>
    string Title { get; }

    /// <summary>The captures the caller may open.</summary>
    Task<IReadOnlyList<CaptureEntry>> ListAsync(HttpContext http, CancellationToken cancellationToken);

    /// <summary>
    /// A local file holding capture <paramref name="name"/> (fetched first where it is stored elsewhere); an
    /// <see cref="ApiException"/> naming the reason when the caller may not open it or it cannot be read. A download
    /// is handed to <paramref name="progress"/> to watch.
    /// </summary>
    Task<FileInfo> ResolveAsync(HttpContext http, string? name, QueryProgress? progress, CancellationToken cancellationToken);
}
