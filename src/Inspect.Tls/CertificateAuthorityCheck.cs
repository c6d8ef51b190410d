using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Inspect.Tls;

/// <summary>
/// Checks that a peer's certificate chains to one given CA and no other (the system's roots are not trusted: only
/// the chart's CA may start a privileged capture), and is valid now.
/// </summary>
public static class CertificateAuthorityCheck
{
    /// <summary>True when <paramref name="certificate"/> was issued, directly or through intermediates, by <paramref name="authority"/>,
    /// and, when <paramref name="usage"/> is given, is valid for that extended key usage (client authentication, say).</summary>
    public static bool IsIssuedBy(X509Certificate2? certificate, X509Certificate2 authority, out string? problem, Oid? usage = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (certificate is null)
        {
            problem = "no certificate";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // Private CAs publish no revocation lists; the certificates are short-lived and rotated by the chart.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (usage is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(usage);
        }

        if (!chain.Build(certificate))
        {
            problem = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span))
        {
            problem = $"issued by {root.Subject}, not by {authority.Subject}";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>True when <paramref name="certificate"/> names <paramref name="dnsName"/> among its DNS subject
    /// alternative names, exactly or through a one-label wildcard (<c>*.agents.ns.svc</c> covers <c>x.agents.ns.svc</c>).</summary>
    public static bool HasDnsName(X509Certificate2 certificate, string dnsName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(dnsName);
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            foreach (var name in extension.EnumerateDnsNames())
            {
                if (string.Equals(name, dnsName, StringComparison.OrdinalIgnoreCase)
                    || (name.StartsWith("*.", StringComparison.Ordinal) && dnsName.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
                        && string.Equals(name[2..], dnsName[(dot + 1)..], StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
