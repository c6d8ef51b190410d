using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Inspect.Agent.Protocol.Tls;
using Inspect.Tls;
using AgentClient = Inspect.Agent.Protocol.V1.Agent.AgentClient;

namespace Inspect.Operator.Agents;

/// <summary>
/// One gRPC channel per agent address, over mutual TLS: the operator presents its client certificate and accepts an
/// agent only if the agent's certificate chains to the CA and carries the agents' Service name (the operator dials
/// pod IPs, which no certificate names).
/// </summary>
public sealed class AgentConnections(MutualTlsCredentials tls, string agentServiceName) : IDisposable
{
    private readonly ConcurrentDictionary<Uri, GrpcChannel> _channels = new();

    /// <summary>A client for <paramref name="endpoint"/>.</summary>
    public AgentClient For(AgentEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var channel = _channels.GetOrAdd(endpoint.Uri, uri => GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = Handler(),
            DisposeHttpClient = true,
        }));
        return new AgentClient(channel);
    }

    /// <summary>Drops the channel to <paramref name="endpoint"/> (after the agent went away), so the next call reconnects.</summary>
    public void Forget(AgentEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_channels.TryRemove(endpoint.Uri, out var channel))
        {
            channel.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    private bool IsAgent(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return CertificateAuthorityCheck.IsIssuedBy(presented, tls.Authority, out _)
               && (agentServiceName.Length == 0 || CertificateAuthorityCheck.HasDnsName(presented, agentServiceName));
    }

    private SocketsHttpHandler Handler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = new X509CertificateCollection { tls.Certificate },
            RemoteCertificateValidationCallback = (_, certificate, _, _) => IsAgent(certificate),
        },
    };
}
