using System.IO.Compression;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Protocol.V1;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Controllers;
using Inspect.Operator.Tests.Support;
using Inspect.Scap.Reading;
using Inspect.TestSupport;
using AgentClient = Inspect.Agent.Protocol.V1.Agent.AgentClient;
using CapturePhase = Inspect.Crds.Capture.CapturePhase;
using CaptureRedaction = Inspect.Crds.Capture.CaptureRedaction;
using RedactionRuleSet = Inspect.Redaction.Rules.RedactionRuleSet;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// A Capture's own redaction on the cluster path: its rules reach the agents, which mask them together with the node's
/// rules before bytes reach disk; the counts come back per node and in total, and are told in an Event. The synthetic
/// probe writes a request holding a bearer token and a ticket number in every batch.
/// </summary>
public sealed class CaptureRedactionTests
{
    private const ushort WriteExit = 9;
    private const string Token = "s3cr3t-t0ken-value";
    private const string Ticket = "TICKET-123456";
    private static readonly string Payload = $"POST /login HTTP/1.1\r\nAuthorization: Bearer {Token}\r\nX-Ticket: {Ticket}\r\n\r\n";
    private static readonly string Masked = $"Authorization: Bearer {new string('*', Token.Length)}\r\nX-Ticket: {new string('*', Ticket.Length)}\r\n";

    [Fact]
    public async Task A_capture_rule_is_masked_with_the_node_rules_counted_per_node_and_in_total_and_told_in_an_event()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        foreach (var node in new[] { "node-a", "node-b" })
        {
            await cluster.AddNodeAsync(node, new SyntheticProbeFactory(Encoding.ASCII.GetBytes(Payload)));
        }

        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("masked", duration: "1s");
        capture.Spec.Redaction = new CaptureRedaction { Rules = [new RedactionRule { Name = "ticket-id", Regex = "TICKET-[0-9]{6}" }] };
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("masked", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");

        var status = done.Status!;
        long total = 0;
        foreach (var node in status.Nodes!)
        {
            var path = CaptureFiles.PathOf(node.ArtifactUri!, node.Node);
            var raw = Encoding.Latin1.GetString(Decompressed(path));
            Assert.DoesNotContain(Token, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(Ticket, raw, StringComparison.Ordinal);

            // Every request is in the file with exactly the secrets masked, the bytes around them intact.
            var requests = Occurrences(raw, Masked);
            Assert.True(requests > 0, $"no masked request in {path}");
            Assert.Equal(requests, Occurrences(raw, "POST /login HTTP/1.1\r\n"));
            // A whole-node capture also holds the node's process table, whose command lines may hold secrets of their
            // own (other rules' counts): the payload's two rules count exactly the requests.
            Assert.Equal(requests, node.Redactions!["http-authorization"]);
            Assert.Equal(requests, node.Redactions["ticket-id"]);
            total += node.Redactions.Values.Sum();

            // sysdig reads the file and shows the masked payloads (their first 80 bytes, as it prints buffers).
            var buffers = Sysdig.Read(path, "-p", "%evt.buffer", "evt.type=write").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(requests, buffers.Length);
            Assert.All(buffers, b => Assert.StartsWith($"POST /login HTTP/1.1..Authorization: Bearer {new string('*', Token.Length)}..", b, StringComparison.Ordinal));
        }

        Assert.Equal(total, status.Redacted);
        Assert.Equal(
            status.Nodes!.SelectMany(n => n.Redactions!).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
            status.Redactions);

        var events = await CaptureEventsTests.EventsAsync(cluster, done);
        foreach (var node in status.Nodes!)
        {
            var applied = Assert.Single(events, e => e.Reason == CaptureStory.RedactionsApplied && e.Note.Contains($"node {node.Node}:", StringComparison.Ordinal));
            Assert.Equal("Normal", applied.Type);
            Assert.Contains($"ticket-id {node.Redactions!["ticket-id"]}", applied.Note, StringComparison.Ordinal);
            Assert.Contains($"http-authorization {node.Redactions!["http-authorization"]}", applied.Note, StringComparison.Ordinal);
        }

        // Names and counts only: no secret in any Event.
        Assert.All(events, e => Assert.DoesNotContain(Ticket, e.Note, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain(Token, e.Note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_capture_rules_also_mask_the_flight_recorder_history_it_starts_with()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.AddNodeAsync("node-a", new SyntheticProbeFactory(Encoding.ASCII.GetBytes(Payload)));
        var pod = await cluster.AddPodAsync("default", "web-0", "node-a", "7c3e9a1b2d4f");
        using var channel = PreTriggerTests.Channel(cluster.Agents["node-a"].Host.GrpcAddress);
        var arm = new ArmRequest { RingId = "inspect/web", Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) };
        arm.CgroupHints.Add("pod" + pod.Metadata.Uid);
        await new AgentClient(channel).ArmAsync(arm, cancellationToken: TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("with-history", duration: "1s");
        capture.Spec.Targets = new CaptureTargets { PodNames = ["web-0"] };
        capture.Spec.PreTrigger = "1s";
        capture.Spec.Redaction = new CaptureRedaction { Rules = [new RedactionRule { Name = "ticket-id", Regex = "TICKET-[0-9]{6}" }] };
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("with-history", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");

        var node = Assert.Single(done.Status!.Nodes!);
        var raw = Encoding.Latin1.GetString(Decompressed(CaptureFiles.PathOf(node.ArtifactUri!, "node-a")));
        Assert.DoesNotContain(Ticket, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, raw, StringComparison.Ordinal);
        var requests = Occurrences(raw, Masked);
        Assert.Equal(requests, Occurrences(raw, "POST /login HTTP/1.1\r\n"));

        // The ring's requests (from before the start) are in the file too, and the capture's rule counted them with the
        // live ones.
        var start = (ulong)(new DateTimeOffset(DateTime.SpecifyKind(done.Status.StartTime!.Value, DateTimeKind.Utc)) - DateTimeOffset.UnixEpoch).Ticks * 100;
        var writes = WriteTimes(CaptureFiles.PathOf(node.ArtifactUri!, "node-a"));
        Assert.Equal(requests, writes.Count);
        Assert.Contains(writes, t => t < start);
        Assert.Equal(requests, node.Redactions!["ticket-id"]);

        // The node rules masked the ring's requests as they entered the ring; the ring kept those counts with them, so
        // status counts every mask in the file, before the start and after it, and so does the file's metadata.
        Assert.Equal(requests, node.Redactions["http-authorization"]);
        var metadata = FileCounts(CaptureFiles.PathOf(node.ArtifactUri!, "node-a"));
        Assert.Equal(requests, metadata["http-authorization"]);
        Assert.Equal(requests, metadata["ticket-id"]);
        Assert.Equal(node.Redactions.Values.Sum(), metadata.Values.Sum());
    }

    [Fact]
    public async Task Turning_redaction_off_is_refused_by_nodes_that_do_not_allow_it()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.AddNodeAsync("node-a", new SyntheticProbeFactory(Encoding.ASCII.GetBytes(Payload)), o => o with { AllowCaptureOptOut = true });
        await cluster.AddNodeAsync("node-b", new SyntheticProbeFactory(Encoding.ASCII.GetBytes(Payload)));
        // The operator lets it through (its own check is the next test): the nodes decide, each for itself.
        await cluster.StartOperatorAsync(allowCaptureOptOut: true);
        var capture = OperatorCluster.WholeNodeCapture("plain", duration: "1s");
        capture.Spec.Redaction = new CaptureRedaction { Enabled = false };
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("plain", c => c.Status?.Phase == CapturePhase.PartiallySucceeded, "PartiallySucceeded");

        // The node that allows it records the request as it is, and counts nothing.
        var allowed = Assert.Single(done.Status!.Nodes!, n => n.Node == "node-a");
        Assert.Equal(NodePhase.Succeeded, allowed.Phase);
        Assert.Null(allowed.Redactions);
        Assert.Contains(Token, Encoding.Latin1.GetString(Decompressed(CaptureFiles.PathOf(allowed.ArtifactUri!, "node-a"))), StringComparison.Ordinal);

        // The other one records nothing and says why.
        var refused = Assert.Single(done.Status!.Nodes!, n => n.Node == "node-b");
        Assert.Equal(NodePhase.Failed, refused.Phase);
        Assert.Null(refused.ArtifactUri);
        Assert.Contains("spec.redaction.enabled: false", refused.Error, StringComparison.Ordinal);
        Assert.Contains("redaction.allowCaptureOptOut", refused.Error, StringComparison.Ordinal);
        Assert.Null(done.Status.Redacted);
    }

    [Theory]
    [InlineData(false, null, "spec.redaction.enabled: false")]
    [InlineData(null, false, "spec.redaction.builtInRules: false")]
    public async Task An_operator_that_does_not_allow_weakening_redaction_refuses_the_capture_and_starts_nothing(bool? enabled, bool? builtInRules, string field)
    {
        await using var cluster = await OperatorCluster.StartAsync();
        // Even a node that would allow it gets no request.
        await cluster.AddNodeAsync("node-a", new SyntheticProbeFactory(Encoding.ASCII.GetBytes(Payload)), o => o with { AllowCaptureOptOut = true });
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("plain", duration: "1s");
        capture.Spec.Redaction = new CaptureRedaction { Enabled = enabled, BuiltInRules = builtInRules, Rules = [new RedactionRule { Name = "ticket-id", Regex = "TICKET-[0-9]{6}" }] };
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("plain", c => c.Status?.Phase == CapturePhase.Failed, "Failed");

        var ready = Assert.Single(done.Status!.Conditions!, c => c.Type == ConditionTypes.Ready);
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal(CaptureReasons.InvalidSpec, ready.Reason);
        Assert.Contains("RedactionOptOutNotAllowed", ready.Message, StringComparison.Ordinal);
        Assert.Contains(field, ready.Message, StringComparison.Ordinal);
        Assert.Contains("redaction.allowCaptureOptOut", ready.Message, StringComparison.Ordinal);
        Assert.Null(done.Status.Nodes);
        Assert.Empty(Directory.Exists(cluster.OutputBase) ? Directory.GetFiles(cluster.OutputBase, "*", SearchOption.AllDirectories) : []);
        var events = await CaptureEventsTests.EventsAsync(cluster, done);
        Assert.Contains(events, e => e.Reason == CaptureStory.InvalidSpec && e.Note.Contains("RedactionOptOutNotAllowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rule_named_like_one_of_the_nodes_rules_fails_on_that_node_with_the_reason()
    {
        var rulesFile = Path.Join(Path.GetTempPath(), $"inspect-node-rules-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(rulesFile, "rules:\n  - name: ticket-id\n    regex: 'TICKET-[0-9]{6}'\n", TestContext.Current.CancellationToken);
        try
        {
            await using var cluster = await OperatorCluster.StartAsync();
            await cluster.AddNodeAsync("node-a", options: o => o with { Redaction = RedactionRuleSet.FromFile(rulesFile) });
            await cluster.StartOperatorAsync();
            var capture = OperatorCluster.WholeNodeCapture("clash", duration: "1s");
            capture.Spec.Redaction = new CaptureRedaction { Rules = [new RedactionRule { Name = "ticket-id", Literal = "TICKET" }] };
            await cluster.CreateAsync(capture);
            var done = await cluster.WaitForAsync("clash", c => c.Status?.Phase == CapturePhase.Failed, "Failed");

            var node = Assert.Single(done.Status!.Nodes!);
            Assert.Contains("rule name 'ticket-id' is already one of this node's redaction rules", node.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rulesFile);
        }
    }

    internal static byte[] Decompressed(string gzipPath)
    {
        using var file = File.OpenRead(gzipPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static Dictionary<string, long> FileCounts(string gzipPath)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress);
        using var reader = new ScapReader(gzip);
        while (reader.Redaction is null && reader.Read() != ScapRecordKind.End)
        {
        }

        Assert.True(reader.Redaction!.Final);
        return reader.Redaction.Rules.ToDictionary(r => r.Rule, r => r.Count);
    }

    private static List<ulong> WriteTimes(string gzipPath)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress);
        using var reader = new ScapReader(gzip);
        var times = new List<ulong>();
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event && reader.Event.Type == WriteExit)
            {
                times.Add(reader.Event.Timestamp);
            }
        }

        return times;
    }

    internal static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
