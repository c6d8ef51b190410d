namespace Inspect.Redaction.Matching;

/// <summary>
/// What one I/O stream (a thread's reads, or writes, on one fd) keeps from its previous buffer, so a secret split
/// across two consecutive calls is still found: the last <see cref="Capacity"/> bytes as they were before masking
/// (context such as "Authorization: " for a value that starts in the next buffer), and which rules matched up to the
/// very end (a secret that goes on). The bytes stay in memory only.
/// </summary>
internal sealed class StreamCarry
{
    /// <summary>Bytes of context kept: longer than any built-in rule's context (header names, key names, BEGIN lines).</summary>
    public const int Capacity = 256;

    private readonly char[] _tail = new char[Capacity];

    public int Length { get; private set; }

    /// <summary>Bit r: rule r matched up to the end of the previous buffer (rules 0–63 only).</summary>
    public ulong Open { get; set; }

    public ReadOnlySpan<char> Tail => _tail.AsSpan(0, Length);

    /// <summary>Keeps the end of <paramref name="text"/> (the previous tail followed by the new buffer).</summary>
    public void Keep(ReadOnlySpan<char> text)
    {
        var kept = text.Length > Capacity ? text[^Capacity..] : text;
        kept.CopyTo(_tail);
        Length = kept.Length;
    }

    public void Reset()
    {
        Length = 0;
        Open = 0;
    }
}
