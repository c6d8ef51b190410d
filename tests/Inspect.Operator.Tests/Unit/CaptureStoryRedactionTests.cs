using Inspect.Crds.Capture;
using Inspect.Operator.Controllers;

namespace Inspect.Operator.Tests.Unit;

/// <summary>When the story tells a node's redactions: once, when its part is over, and only if something was masked.</summary>
public sealed class CaptureStoryRedactionTests
{
    private static readonly Dictionary<string, string> NoStopReasons = [];

    [Fact]
    public void A_node_that_finishes_with_masked_secrets_tells_the_counts_per_rule_before_its_outcome()
    {
        var counts = new Dictionary<string, long> { ["ticket-id"] = 3, ["http-authorization"] = 1 };
        CaptureNodeStatus[] before = [Node("a", NodePhase.Uploading, counts), Node("b", NodePhase.Capturing, counts)];
        CaptureNodeStatus[] after = [Node("a", NodePhase.Succeeded, counts), Node("b", NodePhase.Failed, counts)];

        var steps = CaptureStory.Between(before, after, NoStopReasons, CapturePhase.Running, CapturePhase.Running);

        Assert.Equal(
            [CaptureStory.RedactionsApplied, CaptureStory.Uploaded, CaptureStory.RedactionsApplied, CaptureStory.NodeFailed],
            steps.Select(s => s.Reason));
        Assert.Equal("node a: 4 secrets masked (http-authorization 1, ticket-id 3)", steps[0].Note);
        Assert.False(steps[0].Warning);
    }

    [Fact]
    public void Nothing_is_told_while_recording_or_when_nothing_was_masked()
    {
        var counts = new Dictionary<string, long> { ["jwt"] = 1 };
        CaptureNodeStatus[] before = [Node("a", NodePhase.Capturing, null), Node("b", NodePhase.Capturing, null)];
        CaptureNodeStatus[] after = [Node("a", NodePhase.Uploading, counts), Node("b", NodePhase.Succeeded, null)];

        var steps = CaptureStory.Between(before, after, NoStopReasons, CapturePhase.Running, CapturePhase.Uploading);

        Assert.DoesNotContain(steps, s => s.Reason == CaptureStory.RedactionsApplied);
        Assert.Equal("1 secret masked (jwt 1)", CaptureStory.Redacted(counts));
    }

    private static CaptureNodeStatus Node(string name, NodePhase phase, Dictionary<string, long>? redactions) =>
        new() { Node = name, Phase = phase, Redactions = redactions, ArtifactUri = phase == NodePhase.Succeeded ? $"file://{name}/x.scap.gz" : null };
}
