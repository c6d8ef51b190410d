namespace Inspect.Operator.Hosting;

/// <summary>The Lease and its timing (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionSettings
{
    /// <summary>False: reconcile without a Lease (a single replica).</summary>
    public bool Enabled { get; init; }

    public string Namespace { get; init; } = "default";

    public string Name { get; init; } = "inspect-operator";

    /// <summary>This replica's identity in the Lease.</summary>
    public string Identity { get; init; } = Environment.MachineName;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
