using Minio;

namespace Inspect.Storage.S3;

/// <summary>
/// Where the object store is and how to sign for it: an http(s) URL (path-style addressing), a region and credentials.
/// Builds the MinIO SDK client and the multipart client over one <see cref="HttpClient"/>.
/// </summary>
public sealed record StorageEndpoint(Uri Url, StorageCredentials Credentials, string Region = StorageEndpoint.DefaultRegion)
{
    public const string DefaultRegion = "us-east-1";

    /// <summary>Parses an endpoint URL; a bare host:port means http.</summary>
    public static Uri ParseUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.AbsolutePath is "/" or ""
            ? url
            : throw new FormatException($"'{text}' is not a storage endpoint (expected http(s)://HOST[:PORT])");
    }

    /// <summary>The MinIO SDK client for this endpoint.</summary>
    public IMinioClient CreateMinioClient(HttpClient http)
    {
        var client = new MinioClient()
            .WithEndpoint(Url.Host, Url.Port)
            .WithSSL(Url.Scheme == "https")
            .WithRegion(Region)
            .WithHttpClient(http);
        client = Credentials.SessionToken is { } token
            ? client.WithCredentials(Credentials.AccessKey, Credentials.SecretKey).WithSessionToken(token)
            : client.WithCredentials(Credentials.AccessKey, Credentials.SecretKey);
        return client.Build();
    }
}
