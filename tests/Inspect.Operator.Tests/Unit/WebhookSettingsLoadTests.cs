namespace Inspect.Operator.Tests.Unit;

/// <summary>Loading the webhook's mounted files.</summary>
public sealed class WebhookSettingsLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-webhook-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_certificate_key_ca_and_tokens_are_read_from_their_files()
    {
        var (cert, key) = WriteServerPem();
        var ca = Path.Join(_dir, "ca.crt");
        File.WriteAllText(ca, Support.TestCertificates.Instance.Authority.ExportCertificatePem());
        var tokens = Path.Join(_dir, "tokens");
        File.WriteAllText(tokens, "# Falcosidekick\nfirst-token\n\n  second-token  \n");

        var settings = Webhook.WebhookSettings.Load(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9443), cert, key, ca, tokens, "inspect-system");

        Assert.True(settings.ServerCertificate.HasPrivateKey);
        Assert.Equal(Support.TestCertificates.Instance.Webhook.Thumbprint, settings.ServerCertificate.Thumbprint);
        Assert.Equal(Support.TestCertificates.Instance.Authority.Thumbprint, settings.ClientCa!.Thumbprint);
        Assert.Equal(["first-token", "second-token"], settings.Tokens);
    }

    [Fact]
    public void Missing_files_and_empty_token_files_are_refused_by_name()
    {
        var (cert, key) = WriteServerPem();
        var listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9443);
        var missing = Assert.Throws<ArgumentException>(() => Webhook.WebhookSettings.Load(listen, Path.Join(_dir, "nope.crt"), key, null, null, "ns"));
        Assert.Contains("nope.crt", missing.Message, StringComparison.Ordinal);

        var empty = Path.Join(_dir, "empty");
        File.WriteAllText(empty, "# no tokens yet\n");
        var none = Assert.Throws<ArgumentException>(() => Webhook.WebhookSettings.Load(listen, cert, key, null, empty, "ns"));
        Assert.Contains("holds no token", none.Message, StringComparison.Ordinal);
    }

    private (string Cert, string Key) WriteServerPem()
    {
        var certificate = Support.TestCertificates.Instance.Webhook;
        var cert = Path.Join(_dir, "tls.crt");
        var key = Path.Join(_dir, "tls.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        using var ecdsa = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(certificate)!;
        File.WriteAllText(key, ecdsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }
}
