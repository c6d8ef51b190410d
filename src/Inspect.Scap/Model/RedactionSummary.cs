namespace Inspect.Scap.Model;

/// <summary>
/// What redaction did to a capture: how many secrets each rule masked. Stored in the capture's metadata as a custom
/// block (FORMAT.md §8) that sysdig skips.
/// </summary>
/// <param name="Final">
/// The counts are the capture's totals. A recorder writes the block with zero counts when the capture starts and
/// rewrites it at the end; a file whose recorder was killed keeps the block with <c>Final</c> false.
/// </param>
/// <param name="Rules">One entry per rule that was active, in rule order, zero counts included.</param>
public sealed record RedactionSummary(bool Final, IReadOnlyList<RuleCount> Rules)
{
    /// <summary>Secrets masked by all rules together.</summary>
    public long Total => Rules.Sum(r => r.Count);
}

/// <summary>How many secrets one redaction rule masked.</summary>
public readonly record struct RuleCount(string Rule, long Count);
