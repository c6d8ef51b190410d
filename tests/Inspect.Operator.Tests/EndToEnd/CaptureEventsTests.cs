using Inspect.Crds.Capture;
using Inspect.Operator.Controllers;
using Inspect.Operator.Kubernetes;
using Inspect.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>The Events the operator records on a Capture (events.k8s.io/v1), read back from the API server.</summary>
public sealed class CaptureEventsTests
{
    [Fact]
    public async Task A_capture_that_stops_at_its_event_limit_tells_every_step_in_order()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a", "node-b");
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("story", duration: "30s");
        capture.Spec.MaxEvents = 40;
        await cluster.CreateAsync(capture);
        var done = await cluster.WaitForAsync("story", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");

        var events = await EventsAsync(cluster, done);
        var reasons = events.Select(e => e.Reason).ToList();
        Assert.Equal(CaptureStory.Scheduled, reasons[0]);
        Assert.Equal("scheduled on node-a, node-b", events[0].Note);
        Assert.Equal(CapturePhase.Succeeded.ToString(), reasons[^1]);
        Assert.All(events, e => Assert.Equal(CaptureEventRecorder.Controller, e.ReportingController));
        Assert.All(events, e => Assert.Equal(done.Metadata.Uid, e.Regarding.Uid));
        Assert.All(events, e => Assert.Equal("Normal", e.Type));
        foreach (var node in done.Status!.Nodes!)
        {
            // Per node: started, stopped at the limit, stored — in that order, each once.
            var started = Assert.Single(events, e => e.Reason == CaptureStory.Started && e.Note.Contains(node.Node, StringComparison.Ordinal));
            var limit = Assert.Single(events, e => e.Reason == CaptureStory.LimitReached && e.Note.Contains(node.Node, StringComparison.Ordinal));
            var uploaded = Assert.Single(events, e => e.Reason == CaptureStory.Uploaded && e.Note.Contains(node.Node, StringComparison.Ordinal));
            Assert.Contains("event limit after 40 events", limit.Note, StringComparison.Ordinal);
            Assert.Contains(node.ArtifactUri!, uploaded.Note, StringComparison.Ordinal);
            Assert.True(events.IndexOf(started) < events.IndexOf(limit) && events.IndexOf(limit) <= events.IndexOf(uploaded));
        }
    }

    [Fact]
    public async Task An_invalid_spec_is_told_as_a_warning()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        var capture = OperatorCluster.WholeNodeCapture("broken");
        capture.Spec.Filter = "proc.name = = bash";
        await cluster.CreateAsync(capture);
        var failed = await cluster.WaitForAsync("broken", c => c.Status?.Phase == CapturePhase.Failed, "Failed");

        var warning = Assert.Single(await EventsAsync(cluster, failed));
        Assert.Equal("Warning", warning.Type);
        Assert.Equal(CaptureStory.InvalidSpec, warning.Reason);
        Assert.Contains("filter", warning.Note, StringComparison.OrdinalIgnoreCase);
    }

    // The Capture's events, oldest first (events are written one after another, so creation order is the story's).
    internal static async Task<List<Eventsv1Event>> EventsAsync(OperatorCluster cluster, V1Alpha1Capture capture)
    {
        // The last events are written right after the status that finished the capture.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var list = await cluster.Client.EventsV1.ListNamespacedEventAsync("default", cancellationToken: TestContext.Current.CancellationToken);
        return [.. list.Items
            .Where(e => e.Regarding?.Name == capture.Metadata.Name && e.Regarding.Kind == "Capture")
            .OrderBy(e => long.Parse(e.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
