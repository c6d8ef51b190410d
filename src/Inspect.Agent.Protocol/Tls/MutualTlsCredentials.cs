using System.Security.Cryptography.X509Certificates;

namespace Inspect.Agent.Protocol.Tls;

/// <summary>A certificate with its private key, and the CA that must have signed the other side's certificate.</summary>
public sealed record MutualTlsCredentials(X509Certificate2 Certificate, X509Certificate2 Authority)
{
    /// <summary>Loads PEM files (the layout of the chart's TLS Secret: ca.crt, tls.crt, tls.key).</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable, naming it.</exception>
    public static MutualTlsCredentials Load(string caFile, string certFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Kestrel on Linux needs a key it can use for the handshake; a PKCS#12 round trip gives it one.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var authority = X509Certificate2.CreateFromPemFile(caFile);
            return new MutualTlsCredentials(certificate, authority);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot load the TLS files (CA {caFile}, certificate {certFile}, key {keyFile}): {e.Message}", e);
        }
    }
}
