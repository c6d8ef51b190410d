using System.Net;
using System.Security.Cryptography.X509Certificates;
using Inspect.Ui.Streaming;

namespace Inspect.Operator.Ui;

/// <summary>
/// The web UI the operator serves for the cluster's Captures: HTTPS on its own port, callers authenticated by their
/// Kubernetes bearer token, artifacts fetched from storage into <see cref="CacheDirectory"/>.
/// </summary>
public sealed record UiSettings
{
    /// <summary>Where HTTPS listens.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The UI's server certificate, with its key.</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>Where fetched artifacts are kept while they are being looked at.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "inspect-ui");

    /// <summary>The most bytes kept in <see cref="CacheDirectory"/>; the least recently opened artifacts go first.</summary>
    public long CacheBytes { get; init; } = 2L << 30;

    /// <summary>How long an answer of TokenReview or SubjectAccessReview is reused.</summary>
    public TimeSpan ReviewCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often long queries (and downloads from storage) report their progress to the page.</summary>
    public ProgressPacing Pacing { get; init; } = ProgressPacing.Default;

    /// <summary>Loads the certificate files the chart mounts.</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable.</exception>
    public static UiSettings Load(IPEndPoint listen, string certFile, string keyFile, string cacheDirectory, long cacheBytes)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Kestrel's TLS on Linux needs an exportable, persisted key: a PKCS#12 round trip gives one.
            return new UiSettings
            {
                Listen = listen,
                ServerCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null),
                CacheDirectory = cacheDirectory,
                CacheBytes = cacheBytes,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"the UI's TLS files cannot be read: {e.Message}", e);
        }
    }
}
