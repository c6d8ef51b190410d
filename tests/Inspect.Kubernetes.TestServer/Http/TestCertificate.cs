using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Inspect.Kubernetes.TestServer.Http;

/// <summary>A self-signed serving certificate for 127.0.0.1 and localhost, made at start. Clients trust it as their
/// certificate authority (kubeconfig <c>certificate-authority-data</c>). TLS matters: kubectl sends a kubeconfig's
/// bearer token only over TLS (clientcmd reads user credentials only for TLS transports).</summary>
public static class TestCertificate
{
    /// <summary>A new certificate with its private key, valid for a day.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=inspect-kube-apiserver-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The certificate as PEM, base64-encoded again for <c>certificate-authority-data</c>.</summary>
    public static string AuthorityData(X509Certificate2 certificate) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
}
