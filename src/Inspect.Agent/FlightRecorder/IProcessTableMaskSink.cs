using Inspect.Scap.Model;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// A destination of flight recordings that wants to know which process-table entries had secrets masked. A capture
/// that starts with a ring's history keeps only some of the ring's entries (those of processes that exited before it
/// began), so it counts only theirs.
/// </summary>
public interface IProcessTableMaskSink
{
    /// <summary>Called after the metadata: secrets masked per rule in each entry that had any, by thread id.</summary>
    void WriteProcessTableMasks(IReadOnlyDictionary<long, IReadOnlyList<RuleCount>> maskedByThread);
}
