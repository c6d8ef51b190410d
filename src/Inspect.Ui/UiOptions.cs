using System.Security.Cryptography.X509Certificates;
using Inspect.Scap.Reading;
using Inspect.Ui.Captures;
using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui;

/// <summary>What <c>inspect ui</c> serves and where.</summary>
public sealed class UiOptions
{
    /// <summary>A capture file (only it is served) or a directory (every capture under it is); unused with <see cref="Catalog"/>.</summary>
    public string Path { get; init; } = "";

    /// <summary>Where the captures come from instead of <see cref="Path"/> (the operator's Captures in the cluster).</summary>
    public ICaptureCatalog? Catalog { get; init; }

    /// <summary>The Capture resources behind <see cref="Catalog"/>, for the Captures page and its creation form (the
    /// operator's); without them the page lists files.</summary>
    public ICaptureResources? Resources { get; init; }

    /// <summary>Serve HTTPS with this certificate (and its key) instead of plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Runs before every <c>/api/</c> request: the operator authenticates the caller here. It refuses by
    /// throwing an <see cref="ApiException"/> (401, 403).</summary>
    public Func<HttpContext, Task>? Gate { get; init; }

    /// <summary>The address to listen on, <c>HOST:PORT</c>; port 0 picks a free one.</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>
    /// Opens a capture for one read; the command line passes its own opener so encrypted captures (with
    /// <c>--key</c>) read exactly as they do for the other verbs.
    /// </summary>
    public Func<string, ScapReader> OpenCapture { get; init; } = ScapReader.Open;

    /// <summary>How often long queries report progress and partial results.</summary>
    public ProgressPacing Pacing { get; init; } = ProgressPacing.Default;
}
