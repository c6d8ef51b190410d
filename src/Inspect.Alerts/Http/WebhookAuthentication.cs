using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inspect.Tls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Inspect.Alerts.Http;

/// <summary>
/// Who may post alerts. Falco's <c>http_output</c> cannot set headers, so it authenticates with a client certificate
/// (its <c>mtls</c>, <c>client_cert</c>, <c>client_key</c>, <c>ca_cert</c> settings); Falcosidekick can do that too, or
/// send a bearer token through <c>webhook.customheaders</c>. A request needs one of the two; there is no anonymous mode.
/// </summary>
public sealed class WebhookAuthentication
{
    private readonly byte[][] _tokenHashes;

    /// <summary>Accepts client certificates issued by <paramref name="clientCa"/> and the given bearer tokens.</summary>
    public WebhookAuthentication(X509Certificate2? clientCa, IEnumerable<string> bearerTokens)
    {
        ClientCa = clientCa;
        _tokenHashes = bearerTokens.Where(t => t.Length > 0).Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t))).ToArray();
        if (clientCa is null && _tokenHashes.Length == 0)
        {
            throw new ArgumentException("the alert webhook needs a client CA or at least one bearer token: it never accepts anonymous alerts");
        }
    }

    /// <summary>The CA client certificates must chain to, when mutual TLS is on.</summary>
    public X509Certificate2? ClientCa { get; }

    /// <summary>Asks Kestrel for client certificates and checks them against <see cref="ClientCa"/>.</summary>
    public void ConfigureHttps(HttpsConnectionAdapterOptions https)
    {
        if (ClientCa is null)
        {
            return;
        }

        // Allow, not require: a Falcosidekick with a token and no certificate must still get through the handshake.
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => IsIssuedByClientCa(certificate);
    }

    /// <summary>Who the caller is (<c>cert:CN</c> or <c>token</c>), or <c>null</c> when it proved nothing.</summary>
    public string? Authenticate(HttpContext context)
    {
        if (ClientCa is not null && context.Connection.ClientCertificate is { } certificate && IsIssuedByClientCa(certificate))
        {
            return "cert:" + certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (_tokenHashes.Length > 0 && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
            var matched = false;
            foreach (var hash in _tokenHashes)
            {
                // Compare every token in constant time, so timing reveals neither which nor how much matched.
                matched |= CryptographicOperations.FixedTimeEquals(hash, presented);
            }

            return matched ? "token" : null;
        }

        return null;
    }

    private bool IsIssuedByClientCa(X509Certificate2 certificate)
    {
        if (ClientCa is null)
        {
            return false;
        }

        return CertificateAuthorityCheck.IsIssuedBy(certificate, ClientCa, out _, new Oid("1.3.6.1.5.5.7.3.2")); // client authentication
    }
}
