using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Inspect.Operator.Webhook;

/// <summary>
/// The Falco / Falcosidekick alert webhook: HTTPS on its own port, callers proven by a client certificate issued by
/// <see cref="ClientCa"/> (Falco's <c>http_output</c> mTLS) and/or a bearer token from <see cref="Tokens"/>
/// (Falcosidekick's <c>webhook.customheaders</c>). At least one of the two; never anonymous.
/// </summary>
public sealed record WebhookSettings
{
    /// <summary>Where HTTPS listens.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The webhook's server certificate, with its key.</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>The CA client certificates must chain to; null for tokens only.</summary>
    public X509Certificate2? ClientCa { get; init; }

    /// <summary>Accepted bearer tokens; empty for client certificates only.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>The namespace whose CapturePolicies may match pods in every namespace.</summary>
    public string ClusterPolicyNamespace { get; init; } = "default";

    /// <summary>How often recent matches are written into CapturePolicy status.</summary>
    public TimeSpan PolicyStatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Memory each flight-recorder ring may use on its node (one ring per CapturePolicy with
    /// <c>preTrigger</c> per node that runs pods it watches).</summary>
    public long RingMaxBytes { get; init; } = DefaultRingMaxBytes;

    /// <summary>How often the leader brings the agents' rings in line with the policies and pods.</summary>
    public TimeSpan ArmInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64 MiB per ring: a minute of a busy pod's I/O at a small snaplen, and bounded however busy it gets.</summary>
    public const long DefaultRingMaxBytes = 64L << 20;

    /// <summary>Loads the files the chart mounts.</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, or neither a CA nor tokens are given.</exception>
    public static WebhookSettings Load(IPEndPoint listen, string certFile, string keyFile, string? clientCaFile, string? tokenFile, string clusterPolicyNamespace, long ringMaxBytes = DefaultRingMaxBytes)
    {
        X509Certificate2 certificate;
        X509Certificate2? ca = null;
        IReadOnlyList<string> tokens = [];
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Kestrel's TLS on Linux needs an exportable, persisted key: a PKCS#12 round trip gives one.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            if (!string.IsNullOrEmpty(clientCaFile))
            {
                ca = X509CertificateLoader.LoadCertificateFromFile(clientCaFile);
            }

            if (!string.IsNullOrEmpty(tokenFile))
            {
                tokens = [.. File.ReadAllLines(tokenFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
                if (tokens.Count == 0)
                {
                    throw new ArgumentException($"--webhook-token-file: {tokenFile} holds no token");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"the alert webhook's TLS files cannot be read: {e.Message}", e);
        }

        if (ca is null && tokens.Count == 0)
        {
            throw new ArgumentException("--webhook-bind-address needs --webhook-client-ca or --webhook-token-file: the alert webhook never accepts anonymous alerts");
        }

        return new WebhookSettings
        {
            Listen = listen,
            ServerCertificate = certificate,
            ClientCa = ca,
            Tokens = tokens,
            ClusterPolicyNamespace = clusterPolicyNamespace,
            RingMaxBytes = ringMaxBytes,
        };
    }
}
