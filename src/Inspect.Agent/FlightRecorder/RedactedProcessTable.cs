using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;
using Inspect.Scap.Model;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// A process table redacted entry by entry, with what each entry had masked per rule (index in the rule set), so a
/// recording that keeps only some entries (<see cref="SnapshotMerge"/>) counts only theirs.
/// </summary>
/// <param name="Snapshot">The table, redacted.</param>
/// <param name="MaskedByThread">Secrets masked per rule in each entry that had any, by thread id.</param>
internal sealed record RedactedProcessTable(SystemSnapshot Snapshot, IReadOnlyDictionary<long, long[]> MaskedByThread)
{
    private static readonly Dictionary<long, long[]> None = [];

    /// <summary>Redacts <paramref name="snapshot"/>'s entries with <paramref name="redactor"/> (which counts them);
    /// with no redactor the table is kept as it is.</summary>
    public static RedactedProcessTable Of(SystemSnapshot snapshot, EventRedactor? redactor)
    {
        if (redactor is null)
        {
            return new RedactedProcessTable(snapshot, None);
        }

        var tally = new MaskTally(redactor.Counts, redactor.Rules.Rules.Count);
        var masked = new Dictionary<long, long[]>();
        var threads = new List<ThreadEntry>(snapshot.Threads.Count);
        foreach (var thread in snapshot.Threads)
        {
            threads.Add(redactor.Redact(thread));
            if (tally.TakeNew() is { } counts)
            {
                Add(masked, thread.Tid, counts);
            }
        }

        return new RedactedProcessTable(snapshot with { Threads = threads }, masked);
    }

    /// <summary>The table a recording starts with (<see cref="SnapshotMerge.WithExitedFrom"/>): this one plus the
    /// entries of <paramref name="earlier"/> that have exited since, each with its masks.</summary>
    public RedactedProcessTable WithExitedFrom(RedactedProcessTable? earlier)
    {
        if (earlier is null)
        {
            return this;
        }

        var live = Snapshot.Threads.Select(t => t.Tid).ToHashSet();
        var masked = new Dictionary<long, long[]>();
        foreach (var (tid, counts) in MaskedByThread)
        {
            Add(masked, tid, counts);
        }

        foreach (var (tid, counts) in earlier.MaskedByThread.Where(m => !live.Contains(m.Key)))
        {
            Add(masked, tid, counts);
        }

        return new RedactedProcessTable(SnapshotMerge.WithExitedFrom(Snapshot, earlier.Snapshot), masked);
    }

    private static void Add(Dictionary<long, long[]> masked, long tid, long[] counts)
    {
        if (!masked.TryGetValue(tid, out var known))
        {
            masked[tid] = counts;
            return;
        }

        masked[tid] = known.Zip(counts, (a, b) => a + b).ToArray();
    }
}
