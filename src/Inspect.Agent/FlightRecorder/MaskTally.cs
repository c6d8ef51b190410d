using Inspect.Redaction;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// What a redactor masked since the last look, per rule. A redactor's counts only grow, so asking after each event (or
/// process-table entry) tells what that one had masked; most mask nothing, which is one comparison.
/// </summary>
internal sealed class MaskTally
{
    private readonly RedactionCounts _counts;
    private readonly long[] _seen;
    private long _seenTotal;

    public MaskTally(RedactionCounts counts, int rules)
    {
        _counts = counts;
        _seen = new long[rules];
        for (var i = 0; i < rules; i++)
        {
            _seen[i] = counts[i];
        }

        _seenTotal = counts.Total;
    }

    /// <summary>The secrets masked per rule (index in the rule set) since the last call; null when none were.</summary>
    public long[]? TakeNew()
    {
        if (_counts.Total == _seenTotal)
        {
            return null;
        }

        var masked = new long[_seen.Length];
        for (var i = 0; i < masked.Length; i++)
        {
            masked[i] = _counts[i] - _seen[i];
            _seen[i] = _counts[i];
        }

        _seenTotal = _counts.Total;
        return masked;
    }
}
