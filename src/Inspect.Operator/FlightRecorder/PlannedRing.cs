using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Protocol.V1;
using Inspect.Alerts.Policies;

namespace Inspect.Operator.FlightRecorder;

/// <summary>
/// One flight-recorder ring the operator wants on one node: for one CapturePolicy, recording the policy's matching
/// pods there (or the whole node, for node-scoped policies). Its id names the policy and a fingerprint of what it
/// records, so a ring whose pods changed is a new ring (agents arm a known id only once).
/// </summary>
/// <param name="Node">The node whose agent keeps it.</param>
/// <param name="Policy">The policy that wants it.</param>
/// <param name="RingId"><c>policy/&lt;namespace&gt;/&lt;name&gt;/&lt;fingerprint&gt;</c>.</param>
/// <param name="WholeNode">Records every process on the node (the policy's captures are node-scoped).</param>
/// <param name="CgroupHints">The pods' cgroup hints (both kubelet spellings of <c>pod&lt;uid&gt;</c>).</param>
/// <param name="Window">The history it keeps.</param>
/// <param name="MaxBytes">The memory it may use.</param>
/// <param name="Pods">The pods it records, <c>namespace/name</c>, sorted.</param>
public sealed record PlannedRing(
    string Node,
    PolicyKey Policy,
    string RingId,
    bool WholeNode,
    IReadOnlyList<string> CgroupHints,
    TimeSpan Window,
    long MaxBytes,
    IReadOnlyList<string> Pods)
{
    /// <summary>What every ring id the operator arms starts with; rings with other ids are someone else's.</summary>
    public const string IdPrefix = "policy/";

    /// <summary>The agent's request.</summary>
    public ArmRequest ToArmRequest()
    {
        var request = new ArmRequest
        {
            RingId = RingId,
            WholeNode = WholeNode,
            Window = Duration.FromTimeSpan(Window),
            MaxBytes = MaxBytes,
        };
        request.CgroupHints.AddRange(CgroupHints);
        return request;
    }
}
