using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Inspect.Agent.Host;
using Inspect.Agent.Probe;
using Inspect.Agent.Protocol.V1;
using Inspect.Operator.Agents;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AgentClient = Inspect.Agent.Protocol.V1.Agent.AgentClient;

namespace Inspect.Operator.Tests.Agents;

/// <summary>The agent host's gRPC service on its own, over real TLS connections (synthetic probe).</summary>
public sealed class AgentServiceTests : IAsyncLifetime
{
    private readonly string _spool = Directory.CreateTempSubdirectory("inspect-agent-tests-").FullName;
    private AgentHost _agent = null!;

    public async ValueTask InitializeAsync()
    {
        _agent = AgentHost.Create(
            new AgentHostOptions { GrpcListen = new IPEndPoint(IPAddress.Loopback, 0), HealthListen = new IPEndPoint(IPAddress.Loopback, 0), SpoolDirectory = _spool, NodeName = "node-a", MaxSnaplen = 1000 },
            TestCertificates.Instance.AgentCredentials,
            services => services.AddSingleton<IProbeFactory>(new SyntheticProbeFactory()),
            logging => logging.ClearProviders());
        await _agent.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.StopAsync(TimeSpan.FromSeconds(5));
        await _agent.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task Caller_without_a_client_certificate_is_refused_before_any_call()
    {
        using var channel = Channel(clientCertificate: null);
        var error = await Assert.ThrowsAsync<RpcException>(() => new AgentClient(channel).StartCaptureAsync(Request("default/x/1"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        // With TLS 1.3 the server's refusal arrives after the client's handshake completes, so the call fails either
        // while connecting (Unavailable) or on its first HTTP/2 read (Internal); never with an answer.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Empty(_agent.Captures.All());
    }

    [Fact]
    public async Task Caller_with_a_certificate_from_another_CA_is_refused()
    {
        using var channel = Channel(TestCertificates.Instance.Stranger);
        var error = await Assert.ThrowsAsync<RpcException>(() => new AgentClient(channel).HealthAsync(new HealthRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Equal(0, _agent.Captures.SessionsStarted);
    }

    [Fact]
    public async Task Plain_health_port_serves_probes_and_no_gRPC()
    {
        using var http = new HttpClient { BaseAddress = _agent.HealthAddress };
        Assert.Equal("ok", await http.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        Assert.Equal("ok", await http.GetStringAsync("/readyz", TestContext.Current.CancellationToken));
        using var grpcOverPlain = await http.PostAsync("/inspect.agent.v1.Agent/Health", new ByteArrayContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, grpcOverPlain.StatusCode);
    }

    [Fact]
    public async Task Second_start_with_the_same_id_reattaches_and_watch_streams_progress_to_the_end()
    {
        using var channel = Channel(TestCertificates.Instance.Operator);
        var client = new AgentClient(channel);
        var token = TestContext.Current.CancellationToken;

        var first = await client.StartCaptureAsync(Request("default/cap/1", seconds: 2), cancellationToken: token);
        var again = await client.StartCaptureAsync(Request("default/cap/1", seconds: 2), cancellationToken: token);
        Assert.False(first.Reattached);
        Assert.True(again.Reattached);
        Assert.Equal(1, _agent.Captures.SessionsStarted);

        var seen = new List<CaptureStatus>();
        using var watch = client.WatchCapture(new WatchCaptureRequest { CaptureId = "default/cap/1" }, cancellationToken: token);
        await foreach (var status in watch.ResponseStream.ReadAllAsync(token))
        {
            seen.Add(status);
        }

        var last = seen[^1];
        Assert.Equal(CapturePhase.Succeeded, last.Phase);
        Assert.Equal("Duration", last.StopReason);
        Assert.Contains(seen, s => s.Phase == CapturePhase.Capturing && s.Events > 0);
        // Counters never go backwards along the stream.
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Events >= p.First.Events));

        var listed = await client.ListCapturesAsync(new ListCapturesRequest(), cancellationToken: token);
        Assert.Equal(last, Assert.Single(listed.Captures));
    }

    [Fact]
    public async Task Requests_the_agent_cannot_honour_are_refused_with_the_reason()
    {
        using var channel = Channel(TestCertificates.Instance.Operator);
        var client = new AgentClient(channel);
        var token = TestContext.Current.CancellationToken;

        var otherNode = Request("default/a/1");
        otherNode.NodeName = "node-z";
        var wrongNode = await Assert.ThrowsAsync<RpcException>(() => client.StartCaptureAsync(otherNode, cancellationToken: token).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, wrongNode.StatusCode);
        Assert.Contains("node-z", wrongNode.Status.Detail, StringComparison.Ordinal);

        var greedy = Request("default/b/1");
        greedy.Snaplen = 5000;
        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => client.StartCaptureAsync(greedy, cancellationToken: token).ResponseAsync);
        Assert.Contains("snaplen 5000", tooLarge.Status.Detail, StringComparison.Ordinal);

        var s3 = Request("default/c/1");
        s3.Output = new ArtifactOutput { ArtifactKey = "k", S3 = new S3Output { Bucket = "b", ObjectKey = "k" } };
        await client.StartCaptureAsync(s3, cancellationToken: token);
        var failed = await WaitForFinishAsync(client, "default/c/1");
        Assert.Equal(CapturePhase.Failed, failed.Phase);
        Assert.Contains("no storage credentials", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capture_with_a_bad_redaction_regex_fails_on_the_node_with_the_reason_and_records_nothing()
    {
        using var channel = Channel(TestCertificates.Instance.Operator);
        var client = new AgentClient(channel);
        var request = Request("default/bad-regex/1");
        request.Redaction = new RedactionRequest();
        request.Redaction.Rules.Add(new RedactionRuleDefinition { Name = "broken", Regex = "([a-z" });

        await client.StartCaptureAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        var failed = await WaitForFinishAsync(client, "default/bad-regex/1");

        Assert.Equal(CapturePhase.Failed, failed.Phase);
        Assert.StartsWith("spec.redaction.rules: rule 'broken': invalid regex '([a-z'", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.Events);
        Assert.False(File.Exists(request.Output.NodeDirectory.ArtifactPath));
    }

    [Fact]
    public async Task Operator_refuses_an_agent_whose_certificate_names_another_service()
    {
        await using var impostor = AgentHost.Create(
            new AgentHostOptions { GrpcListen = new IPEndPoint(IPAddress.Loopback, 0), HealthListen = new IPEndPoint(IPAddress.Loopback, 0), SpoolDirectory = _spool, NodeName = "node-a" },
            TestCertificates.Instance.MisnamedAgentCredentials,
            services => services.AddSingleton<IProbeFactory>(new SyntheticProbeFactory()),
            logging => logging.ClearProviders());
        await impostor.StartAsync(TestContext.Current.CancellationToken);
        using var connections = new AgentConnections(TestCertificates.Instance.OperatorCredentials, TestCertificates.AgentService);
        var endpoint = new AgentEndpoint("node-a", "impostor", "127.0.0.1", impostor.GrpcAddress.Port);
        var genuine = new AgentEndpoint("node-a", "agent", "127.0.0.1", _agent.GrpcAddress.Port);

        var error = await Assert.ThrowsAsync<RpcException>(() => connections.For(endpoint).HealthAsync(new HealthRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.True(AgentGateway.IsUnreachable(error));
        var health = await connections.For(genuine).HealthAsync(new HealthRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("node-a", health.NodeName);
        await impostor.StopAsync(TimeSpan.FromSeconds(2));
    }

    private static async Task<CaptureStatus> WaitForFinishAsync(AgentClient client, string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = (await client.ListCapturesAsync(new ListCapturesRequest { CaptureId = id }, cancellationToken: TestContext.Current.CancellationToken)).Captures.Single();
            if (status.Phase is CapturePhase.Succeeded or CapturePhase.Failed)
            {
                return status;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"capture {id} did not finish");
    }

    private StartCaptureRequest Request(string id, int seconds = 1)
    {
        var directory = Path.Join(_spool, "out");
        return new StartCaptureRequest
        {
            CaptureId = id,
            NodeName = "node-a",
            WholeNode = true,
            Snaplen = 80,
            Limits = new CaptureLimits { Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) },
            Output = new ArtifactOutput
            {
                ArtifactKey = id.Replace('/', '-') + ".scap.gz",
                NodeDirectory = new NodeDirectoryOutput { Directory = directory, ArtifactPath = Path.Join(directory, id.Replace('/', '-') + ".scap.gz") },
            },
        };
    }

    // A TLS client that trusts the agent's CA, with or without a client certificate.
    private GrpcChannel Channel(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && CertificateAuthorityCheck.IsIssuedBy(presented, TestCertificates.Instance.Authority, out _),
            },
        };
        return GrpcChannel.ForAddress(_agent.GrpcAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
