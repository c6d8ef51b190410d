using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Inspect.Agent.Protocol.Tls;

namespace Inspect.Operator.Tests.Support;

/// <summary>
/// A private CA with the certificates the chart generates from it: the agents' server certificate (named after the
/// agents' headless Service, with a wildcard for the pods) and the operator's client certificate; plus a client
/// certificate from another CA, which agents must refuse.
/// </summary>
internal sealed class TestCertificates
{
    public const string AgentService = "inspect-agent.inspect.svc";

    private TestCertificates()
    {
        Authority = CreateAuthority("inspect-ca");
        Agent = Issue(Authority, "inspect-agent", [AgentService, "*." + AgentService]);
        Operator = Issue(Authority, "inspect-operator", []);
        Webhook = Issue(Authority, "inspect-operator-webhook", ["localhost"]);
        Falco = Issue(Authority, "falco", []);
        var stranger = CreateAuthority("someone-else-ca");
        Stranger = Issue(stranger, "inspect-operator", []);
    }

    public static TestCertificates Instance { get; } = new();

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Agent { get; }

    public X509Certificate2 Operator { get; }

    /// <summary>The alert webhook's server certificate.</summary>
    public X509Certificate2 Webhook { get; }

    /// <summary>Falco's client certificate for the alert webhook (its http_output mtls).</summary>
    public X509Certificate2 Falco { get; }

    /// <summary>A client certificate that looks like the operator's but comes from another CA.</summary>
    public X509Certificate2 Stranger { get; }

    public MutualTlsCredentials AgentCredentials => new(Agent, Authority);

    public MutualTlsCredentials OperatorCredentials => new(Operator, Authority);

    /// <summary>A server certificate signed by the right CA but for another name, which the operator must refuse.</summary>
    public MutualTlsCredentials MisnamedAgentCredentials => new(Issue(Authority, "elsewhere", ["elsewhere.example"]), Authority);

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        // Both usages, as Helm's genSignedCert gives them.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (dnsNames.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames)
            {
                names.AddDnsName(dns);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel's TLS on Linux needs a persisted key; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
