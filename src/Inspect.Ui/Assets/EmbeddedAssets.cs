using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Assets;

/// <summary>
/// The front end's files, bundled at build time (ClientApp/build.mjs) and embedded in this assembly as
/// <c>ui/NAME</c>. Any path that is not a file or the API gets the app's page, which reads its state from the URL.
/// </summary>
public static class EmbeddedAssets
{
    private const string Prefix = "ui/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".map"] = "application/json",
    }.ToFrozenDictionary();

    private static readonly Assembly Assembly = typeof(EmbeddedAssets).Assembly;

    /// <summary>The names of the embedded files (without the prefix).</summary>
    public static IEnumerable<string> Names => Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]);

    public static async Task ServeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.Request.Path.Value?.TrimStart('/') ?? "";
        var stream = name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) ? Assembly.GetManifestResourceStream(Prefix + name) : null;
        if (stream is null)
        {
            name = "index.html";
            stream = Assembly.GetManifestResourceStream(Prefix + name)
                ?? throw new InvalidOperationException("the front end was not built into this assembly (ClientApp/build.mjs)");
        }

        await using (stream.ConfigureAwait(false))
        {
            http.Response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.ContentLength = stream.Length;
            await stream.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
    }
}
