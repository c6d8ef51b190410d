namespace Inspect.Redaction.Matching;

/// <summary>
/// What one I/O stream (a thread's reads, or writes, on one fd) keeps from its previous buffers, so a secret split
/// across two consecutive calls is still found: the last <see cref="Capacity"/> bytes as they were before masking
/// (context such as "Authorization: " for a value that starts in the next buffer), whether those bytes may hold a
/// rule's anchor, and which rules matched up to the very end (a secret that goes on). The bytes stay in memory only.
/// </summary>
internal sealed class StreamCarry
{
    /// <summary>Bytes of context kept: more than any built-in rule's context (header names, key names, BEGIN lines).</summary>
    public const int Capacity = 128;

    private readonly char[] _tail = new char[Capacity];

    public int Length { get; private set; }

    /// <summary>Bit r: rule r matched up to the end of the previous buffer (rules 0–63 only).</summary>
    public ulong Open { get; set; }

    /// <summary>
    /// The tail may contain an anchor, so the next buffer must be searched together with all of it. False only when
    /// every byte of the tail was searched and held none: then a clean next buffer costs a search of itself alone.
    /// </summary>
    public bool TailMayHoldAnchor { get; private set; }

    /// <summary>The kept bytes, one char per byte (Latin-1), as the patterns read them.</summary>
    public ReadOnlySpan<char> Tail => _tail.AsSpan(0, Length);

    /// <summary>Appends <paramref name="buffer"/>, keeping the last <see cref="Capacity"/> bytes.</summary>
    public void Append(ReadOnlySpan<char> buffer, bool anchorSeen)
    {
        if (buffer.Length >= Capacity)
        {
            buffer[^Capacity..].CopyTo(_tail);
            Length = Capacity;
            TailMayHoldAnchor = anchorSeen;
            return;
        }

        var keep = Math.Min(Length, Capacity - buffer.Length);
        _tail.AsSpan(Length - keep, keep).CopyTo(_tail);
        buffer.CopyTo(_tail.AsSpan(keep));
        Length = keep + buffer.Length;
        TailMayHoldAnchor = anchorSeen || (TailMayHoldAnchor && keep > 0);
    }

    public void Reset()
    {
        Length = 0;
        Open = 0;
        TailMayHoldAnchor = false;
    }
}
