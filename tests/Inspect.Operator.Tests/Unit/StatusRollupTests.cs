using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Controllers;

namespace Inspect.Operator.Tests.Unit;

/// <summary>The roll-up of node parts into the capture's phase, totals and conditions.</summary>
public sealed class StatusRollupTests
{
    private static readonly DateTime Now = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData(new[] { NodePhase.Pending, NodePhase.Capturing }, CapturePhase.Running, CaptureReasons.Starting)]
    [InlineData(new[] { NodePhase.Capturing, NodePhase.Uploading }, CapturePhase.Running, CaptureReasons.Capturing)]
    [InlineData(new[] { NodePhase.Uploading, NodePhase.Succeeded }, CapturePhase.Uploading, CaptureReasons.Uploading)]
    [InlineData(new[] { NodePhase.Succeeded, NodePhase.Succeeded }, CapturePhase.Succeeded, CaptureReasons.Succeeded)]
    [InlineData(new[] { NodePhase.Succeeded, NodePhase.Failed }, CapturePhase.PartiallySucceeded, CaptureReasons.PartiallySucceeded)]
    [InlineData(new[] { NodePhase.Failed, NodePhase.Failed }, CapturePhase.Failed, CaptureReasons.Failed)]
    public void Phase_and_ready_reason_follow_the_nodes(NodePhase[] phases, CapturePhase expected, string reason)
    {
        var status = Status(phases);

        StatusRollup.Apply(status, 3, Now);

        Assert.Equal(expected, status.Phase);
        Assert.Equal(reason, Condition(status, ConditionTypes.Ready).Reason);
        Assert.Equal(3, status.ObservedGeneration);
        Assert.Equal(StatusRollup.IsFinished(expected), status.CompletionTime is not null);
        Assert.Equal(StatusRollup.IsFinished(expected) ? ConditionStatus.False : ConditionStatus.True, Condition(status, ConditionTypes.Progressing).Status);
    }

    [Fact]
    public void Totals_sum_the_nodes_and_size_is_human_readable()
    {
        var status = Status(NodePhase.Succeeded, NodePhase.Succeeded);
        status.Nodes![0].Events = 10;
        status.Nodes[0].Bytes = 3 << 20;
        status.Nodes[1].Events = 5;
        status.Nodes[1].Bytes = 1 << 19;

        StatusRollup.Apply(status, 1, Now);

        Assert.Equal(15, status.Events);
        Assert.Equal((3 << 20) + (1 << 19), status.Bytes);
        Assert.Equal("3.5Mi", status.Size);
        Assert.Equal(2, status.NodeCount);
    }

    [Fact]
    public void Redaction_counts_add_up_per_rule_over_the_nodes()
    {
        var status = Status(NodePhase.Succeeded, NodePhase.Uploading, NodePhase.Failed);
        status.Nodes![0].Redactions = new Dictionary<string, long> { ["jwt"] = 2, ["ticket-id"] = 5 };
        status.Nodes[1].Redactions = new Dictionary<string, long> { ["ticket-id"] = 1 };

        StatusRollup.Apply(status, 1, Now);

        Assert.Equal(new Dictionary<string, long> { ["jwt"] = 2, ["ticket-id"] = 6 }, status.Redactions);
        Assert.Equal(8, status.Redacted);

        var clean = Status(NodePhase.Succeeded);
        StatusRollup.Apply(clean, 1, Now);
        Assert.Null(clean.Redactions);
        Assert.Null(clean.Redacted);
    }

    [Fact]
    public void Drops_make_a_successful_capture_degraded_and_failures_name_the_node()
    {
        var dropped = Status(NodePhase.Succeeded);
        dropped.Nodes![0].Drops = 7;
        StatusRollup.Apply(dropped, 1, Now);
        Assert.Equal(CaptureReasons.EventsDropped, Condition(dropped, ConditionTypes.Degraded).Reason);
        Assert.Equal(ConditionStatus.True, Condition(dropped, ConditionTypes.Degraded).Status);

        var failing = Status(NodePhase.Capturing, NodePhase.Failed);
        failing.Nodes![1].Error = "agent gone";
        StatusRollup.Apply(failing, 1, Now);
        var degraded = Condition(failing, ConditionTypes.Degraded);
        Assert.Equal(CaptureReasons.AgentUnavailable, degraded.Reason);
        Assert.Contains("n1: agent gone", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transition_time_changes_only_when_a_condition_flips()
    {
        var status = Status(NodePhase.Capturing);
        StatusRollup.Apply(status, 1, Now);
        var progressing = Condition(status, ConditionTypes.Progressing).LastTransitionTime;

        status.Nodes![0].Events = 100;
        StatusRollup.Apply(status, 1, Now.AddSeconds(5));
        Assert.Equal(progressing, Condition(status, ConditionTypes.Progressing).LastTransitionTime);

        status.Nodes[0].Phase = NodePhase.Succeeded;
        StatusRollup.Apply(status, 1, Now.AddSeconds(9));
        Assert.Equal(Now.AddSeconds(9), Condition(status, ConditionTypes.Progressing).LastTransitionTime);
        Assert.Equal(Now.AddSeconds(9), status.CompletionTime);
    }

    private static V1Alpha1CaptureStatus Status(params NodePhase[] phases) => new()
    {
        Nodes = [.. phases.Select((p, i) => new CaptureNodeStatus { Node = $"n{i}", Phase = p })],
    };

    private static Condition Condition(V1Alpha1CaptureStatus status, string type) => Assert.Single(status.Conditions!, c => c.Type == type);
}
