namespace Inspect.Operator.Hosting;

/// <summary>Work that only the replica holding the Lease does, beside the Capture controller.</summary>
public interface ILeaderTask
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires (leadership lost or shutdown).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
