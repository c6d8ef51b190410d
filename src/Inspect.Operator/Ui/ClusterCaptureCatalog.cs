using Inspect.Crds.Capture;
using Inspect.Operator.Kubernetes;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Inspect.Ui;
using Inspect.Ui.Captures;
using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;
using Minio.Exceptions;

namespace Inspect.Operator.Ui;

/// <summary>
/// The UI's captures in the cluster: one per node of each Capture, named <c>NAMESPACE/CAPTURE/NODE</c>, listed only
/// in the namespaces where the caller may get Captures, and opened by fetching the node's artifact from the Capture's
/// S3 storage (with its credentials Secret, or the operator's default storage credentials). An artifact kept in a
/// node's directory is not reachable from the operator; the UI says so rather than fail obscurely.
/// </summary>
public sealed class ClusterCaptureCatalog(
    CaptureApi captures,
    CaptureAccess access,
    StorageSecretReader secrets,
    ArtifactDownloads downloads,
    S3Output? defaultOutput,
    Func<string, string?> environment) : ICaptureCatalog
{
    public string Title => "the cluster";

    public async Task<IReadOnlyList<CaptureEntry>> ListAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var caller = KubernetesCaller.Of(http);
        var all = await captures.ListAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<CaptureEntry>();
        foreach (var group in all.GroupBy(c => c.Metadata.NamespaceProperty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!await access.MayGetAsync(caller, group.Key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var capture in group.OrderBy(c => c.Metadata.Name, StringComparer.Ordinal))
            {
                entries.AddRange(Entries(capture));
            }
        }

        return entries;
    }

    public async Task<FileInfo> ResolveAsync(HttpContext http, string? name, QueryProgress? progress, CancellationToken cancellationToken)
    {
        var caller = KubernetesCaller.Of(http);
        var parts = (name ?? "").Split('/');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw new ApiException(404, $"capture '{name}': expected NAMESPACE/CAPTURE/NODE (see /api/captures)");
        }

        var (ns, captureName, node) = (parts[0], parts[1], parts[2]);
        // Access first: whether a Capture exists is itself not for callers who may not see the namespace.
        await access.DemandAsync(caller, ns, cancellationToken).ConfigureAwait(false);
        var capture = await captures.GetAsync(ns, captureName, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(404, $"Capture {ns}/{captureName} does not exist");
        var status = capture.Status?.Nodes?.FirstOrDefault(n => n.Node == node)
            ?? throw new ApiException(404, $"Capture {ns}/{captureName} has no part recorded on node {node}");
        if (Unavailable(capture, status) is { } why)
        {
            throw new ApiException(409, $"{ns}/{captureName}/{node}: {why}");
        }

        var source = S3Uri.Parse(status.ArtifactUri!);
        var endpoint = await EndpointAsync(capture, cancellationToken).ConfigureAwait(false);
        try
        {
            return await downloads.GetAsync(source, status.Checksum, endpoint, progress is null ? null : progress.WatchDownload, cancellationToken).ConfigureAwait(false);
        }
        catch (EncryptedCaptureException e)
        {
            throw new ApiException(409, $"{source} is encrypted with key {e.KeyId}; the operator holds no capture keys: fetch it with `inspect capture fetch {source} FILE --key KEY` and open it with `inspect ui FILE --key KEY`");
        }
        catch (Exception e) when (e is MinioException or HttpRequestException or InvalidDataException or IOException)
        {
            throw new ApiException(502, $"cannot fetch {source} from {endpoint.Url}: {e.Message}");
        }
    }

    private static IEnumerable<CaptureEntry> Entries(V1Alpha1Capture capture)
    {
        var ns = capture.Metadata.NamespaceProperty;
        var name = capture.Metadata.Name;
        var phase = capture.Status?.Phase?.ToString() ?? "Pending";
        var nodes = capture.Status?.Nodes ?? [];
        if (nodes.Count == 0)
        {
            yield return new CaptureEntry($"{ns}/{name}", null, capture.Metadata.CreationTimestamp)
            {
                Namespace = ns,
                Capture = name,
                Phase = phase,
                Unavailable = "no node has recorded anything yet",
            };
        }

        foreach (var node in nodes)
        {
            yield return new CaptureEntry($"{ns}/{name}/{node.Node}", node.Bytes, capture.Status?.CompletionTime ?? capture.Status?.StartTime)
            {
                Namespace = ns,
                Capture = name,
                Node = node.Node,
                Phase = $"{phase} (node {node.Phase})",
                Artifact = node.ArtifactUri,
                Unavailable = Unavailable(capture, node),
            };
        }
    }

    /// <summary>Why a node's part cannot be opened from here, or null when it can.</summary>
    internal static string? Unavailable(V1Alpha1Capture capture, CaptureNodeStatus node)
    {
        var uri = node.ArtifactUri;
        if (string.IsNullOrEmpty(uri))
        {
            return $"not stored yet (node phase {node.Phase}{(node.Error is { Length: > 0 } e ? ": " + e : "")})";
        }

        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            return $"stored in a directory on node {node.Node} ({uri}), which the operator cannot reach: copy it from the agent pod on that node (kubectl cp) and open it with `inspect ui FILE`, or record to S3";
        }

        if (!uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            return $"stored at {uri}, which the UI cannot open";
        }

        return capture.Spec?.Output?.S3?.WebIdentity is not null
            ? "stored with web-identity credentials, which the operator's UI does not exchange: name a credentialsSecret in the Capture's S3 output"
            : null;
    }

    private async Task<StorageEndpoint> EndpointAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        var own = capture.Spec?.Output?.S3;
        var output = own ?? defaultOutput
            ?? throw new ApiException(409, $"Capture {capture.Metadata.NamespaceProperty}/{capture.Metadata.Name} names no S3 storage and the operator has no default storage");
        var region = output.Region is { Length: > 0 } r ? r : StorageEndpoint.DefaultRegion;
        Uri url;
        try
        {
            url = output.Endpoint is { Length: > 0 } e ? StorageEndpoint.ParseUrl(e) : new Uri($"https://s3.{region}.amazonaws.com");
        }
        catch (FormatException e)
        {
            throw new ApiException(409, $"Capture {capture.Metadata.NamespaceProperty}/{capture.Metadata.Name}: {e.Message}");
        }

        return new StorageEndpoint(url, await CredentialsAsync(capture, own, cancellationToken).ConfigureAwait(false), region);
    }

    // The Capture's credentials Secret when it names one, else the operator's default storage credentials.
    private async Task<StorageCredentials> CredentialsAsync(V1Alpha1Capture capture, S3Output? own, CancellationToken cancellationToken)
    {
        if (own?.CredentialsSecret is { Name.Length: > 0 } secret)
        {
            try
            {
                var (id, key) = await secrets.ReadKeyPairAsync(capture.Metadata.NamespaceProperty, secret.Name, secret.AccessKeyIdKey, secret.SecretAccessKeyKey, cancellationToken).ConfigureAwait(false);
                return new StorageCredentials(id, key);
            }
            catch (InvalidOperationException e)
            {
                throw new ApiException(409, e.Message);
            }
        }

        var access = environment("INSPECT_STORAGE_ACCESS_KEY");
        var secretKey = environment("INSPECT_STORAGE_SECRET_KEY");
        return !string.IsNullOrEmpty(access) && !string.IsNullOrEmpty(secretKey) ? new StorageCredentials(access, secretKey)
            : StorageCredentials.FromEnvironment(environment)
            ?? throw new ApiException(409, $"Capture {capture.Metadata.NamespaceProperty}/{capture.Metadata.Name} names no credentialsSecret and the operator has no storage credentials (the chart's storage.existingSecret)");
    }
}
