namespace Inspect.Operator.Hosting;

/// <summary>What /readyz reports: a leader is ready once its Capture cache has listed; a standby replica once it has
/// seen the Lease (it can take over).</summary>
public sealed class Readiness
{
    /// <summary>The controller has listed the Captures.</summary>
    public bool Synced { get; set; }

    /// <summary>This replica has read the Lease and knows the leader.</summary>
    public bool SeesLeader { get; set; }

    /// <summary>This replica leads (or leader election is off).</summary>
    public bool IsLeader { get; set; }

    /// <summary>Ready to serve its role.</summary>
    public bool IsReady => IsLeader ? Synced : SeesLeader;
}
