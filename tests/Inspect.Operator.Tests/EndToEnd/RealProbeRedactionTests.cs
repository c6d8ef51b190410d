using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Inspect.Agent.Probe;
using Inspect.Agent.Tests.Support;
using Inspect.Crds.Capture;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The cluster path with the real eBPF probe (root only): an agent records its whole node while a workload sends HTTP
/// requests over loopback holding a bearer token (a built-in rule's) and an order number (the Capture's own rule). Neither
/// may reach the stored file or sysdig's output, the bytes around them must, and the counts must reach status and the
/// Event.
/// </summary>
public sealed class RealProbeRedactionTests
{
    private const int Requests = 5;

    // Secrets are random per run and printed hex-encoded, so the workload's own output holds none of them. The request
    // fits in the 80 bytes sysdig prints of a buffer.
    private const string Workload = """
        import json, secrets, socket, time
        token = secrets.token_hex(6)
        order = "ORD-" + "".join(str(secrets.randbelow(10)) for _ in range(8))
        request = f"POST /o HTTP/1.1\r\nX-Order: {order}\r\nAuthorization: Bearer {token}\r\n\r\n".encode()
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        client = socket.create_connection(server.getsockname())
        conn, _ = server.accept()
        for _ in range(REQUESTS):
            client.sendall(request)
            got = b""
            while len(got) < len(request):
                got += conn.recv(4096)
            time.sleep(0.05)
        print(json.dumps({"token": token.encode().hex(), "order": order.encode().hex()}))
        """;

    [Fact]
    public async Task Secrets_of_a_workload_are_masked_by_node_and_capture_rules_before_the_node_stores_them()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.AddNodeAsync("node-a", new NativeProbeFactory());
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("real", duration: "6s");
        capture.Spec.Snaplen = 1024;
        capture.Spec.Redaction = new CaptureRedaction { Rules = [new RedactionRule { Name = "order-id", Regex = "ORD-[0-9]{8}" }] };
        await cluster.CreateAsync(capture);
        await cluster.WaitForAsync("real", c => c.Status?.Nodes?.SingleOrDefault()?.Phase == NodePhase.Capturing, "Capturing");

        var run = ExternalProcess.Run("/usr/bin/python3", ["-c", Workload.Replace("REQUESTS", Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)], TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sent = JsonSerializer.Deserialize<Dictionary<string, string>>(run.Stdout.Trim())!
            .ToDictionary(p => p.Key, p => Encoding.ASCII.GetString(Convert.FromHexString(p.Value)));
        var done = await cluster.WaitForAsync("real", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded", TimeSpan.FromSeconds(60));

        var node = Assert.Single(done.Status!.Nodes!);
        var path = CaptureFiles.PathOf(node.ArtifactUri!, "node-a");
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await gzip.CopyToAsync(bytes, TestContext.Current.CancellationToken);
        var raw = Encoding.Latin1.GetString(bytes.ToArray());
        var printed = Sysdig.Read(path, "-p", "%evt.buffer", "proc.name=python3 and evt.dir=< and (evt.type=sendto or evt.type=recvfrom)");
        foreach (var secret in sent.Values)
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }

        // Each request went out and came in with the secrets starred and everything else as it was.
        var masked = $"POST /o HTTP/1.1..X-Order: {new string('*', sent["order"].Length)}..Authorization: Bearer {new string('*', sent["token"].Length)}";
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Count(l => l.StartsWith(masked, StringComparison.Ordinal)) >= 2 * Requests, printed);

        // Both rules counted at least every send and receive, in the node's status, the totals and the Event.
        Assert.True(node.Redactions!["order-id"] >= 2 * Requests, $"order-id counted {node.Redactions["order-id"]}");
        Assert.True(node.Redactions["http-authorization"] >= 2 * Requests, $"http-authorization counted {node.Redactions["http-authorization"]}");
        Assert.Equal(node.Redactions.Values.Sum(), done.Status.Redacted);
        var events = await CaptureEventsTests.EventsAsync(cluster, done);
        var applied = Assert.Single(events, e => e.Reason == CaptureStory.RedactionsApplied);
        Assert.Contains($"order-id {node.Redactions["order-id"]}", applied.Note, StringComparison.Ordinal);
    }
}
