using Inspect.Operator.Ui;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Ui;
using Inspect.Ui.Captures;
using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;

/// <summary>
/// The UI's serving code as the operator runs it for a Capture in the cluster, without the Kubernetes parts: one
/// capture (<c>capture=bench</c>) whose artifact is fetched from S3 into the operator's artifact cache on first use,
/// then read from there. The authentication and access reviews it leaves out are cached per caller in the operator,
/// a few milliseconds per page, not per byte.
/// </summary>
internal static class S3UiServer
{
    public static int Run(string endpointUrl, string bucket, string key, string cacheDirectory)
    {
        var endpoint = new StorageEndpoint(new Uri(endpointUrl), new StorageCredentials("S3RVER", "S3RVER"));
        var catalog = new Catalog(new S3Uri(bucket, key), endpoint, new ArtifactDownloads(cacheDirectory, 4L << 30));
        var server = UiServer.StartAsync(new UiOptions { Catalog = catalog, Listen = "127.0.0.1:0" }).GetAwaiter().GetResult();
        Console.WriteLine($"Inspect UI on {server.Address}");
        server.WaitForShutdownAsync().GetAwaiter().GetResult();
        return 0;
    }

    private sealed class Catalog(S3Uri source, StorageEndpoint endpoint, ArtifactDownloads downloads) : ICaptureCatalog
    {
        public string Title => source.ToString();

        public Task<IReadOnlyList<CaptureEntry>> ListAsync(HttpContext http, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CaptureEntry>>([new CaptureEntry("bench", null, null) { Artifact = source.ToString() }]);

        public Task<FileInfo> ResolveAsync(HttpContext http, string? name, QueryProgress? progress, CancellationToken cancellationToken) =>
            name == "bench"
                ? downloads.GetAsync(source, checksum: null, endpoint, progress is null ? null : progress.WatchDownload, cancellationToken)
                : throw new ApiException(404, $"capture '{name}' is not served here (only 'bench')");
    }
}
