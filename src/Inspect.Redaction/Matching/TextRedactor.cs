using System.Text;
using System.Text.RegularExpressions;
using Inspect.Redaction.Rules;

namespace Inspect.Redaction.Matching;

/// <summary>
/// Masks every match of a rule set in a byte buffer, in place and byte for byte. The bytes are widened to chars as
/// Latin-1 (one char per byte, so a match's offsets are the bytes' offsets) into a reused buffer; one vectorised
/// search for the rules' anchors decides which patterns run at all. No allocation per buffer.
/// </summary>
internal sealed class TextRedactor
{
    /// <summary>The byte that replaces every byte of a secret.</summary>
    public const byte Mask = (byte)'*';

    private readonly RedactionRuleSet _rules;
    private readonly RedactionCounts _counts;
    private readonly bool[] _candidates;
    private readonly int _anchoredRules;
    private char[] _text = new char[StreamCarry.Capacity + 4096];

    public TextRedactor(RedactionRuleSet rules, RedactionCounts counts)
    {
        _rules = rules;
        _counts = counts;
        _candidates = new bool[rules.Rules.Count];
        _anchoredRules = rules.Rules.Count(r => r.Anchors.Count > 0);
    }

    /// <summary>
    /// Masks the secrets in <paramref name="bytes"/>. With a <paramref name="carry"/>, the buffer is read as the
    /// continuation of the stream's previous one: context from its tail counts, and a secret that ran to its end goes
    /// on being masked; the carry is then updated with this buffer.
    /// </summary>
    /// <returns>Whether any byte was masked.</returns>
    public bool Redact(Span<byte> bytes, StreamCarry? carry)
    {
        if (carry is { TailMayHoldAnchor: false, Open: 0 } && _rules.Unanchored.Length == 0 && IsCleanContinuation(bytes, carry))
        {
            return false;
        }

        var tail = carry is null ? default : carry.Tail;
        var tailLength = tail.Length;
        var length = tailLength + bytes.Length;
        if (_text.Length < length)
        {
            _text = new char[Math.Max(length, _text.Length * 2)];
        }

        tail.CopyTo(_text);
        Encoding.Latin1.GetChars(bytes, _text.AsSpan(tailLength));
        var text = _text.AsSpan(0, length);
        var open = carry?.Open ?? 0;
        ulong stillOpen = 0;
        var masked = open != 0 && Continue(bytes, text[tailLength..], open, ref stillOpen);

        // A tail known to hold no anchor is searched only where an anchor could straddle it and the new bytes.
        var searchFrom = carry is { TailMayHoldAnchor: true } ? 0 : Math.Max(0, tailLength - (_rules.LongestAnchor - 1));
        var anchorSeen = SelectCandidates(text[searchFrom..]);
        if (anchorSeen || _rules.Unanchored.Length > 0)
        {
            for (var i = 0; i < _candidates.Length; i++)
            {
                if (_candidates[i])
                {
                    masked |= Apply(i, bytes, text, tailLength, open, ref stillOpen);
                }
            }
        }

        if (carry is not null)
        {
            // The tail keeps the bytes as they were: masks are for the file, context is for the next match.
            carry.Append(text[tailLength..], anchorSeen);
            carry.Open = stillOpen;
        }

        return masked;
    }

    // The common case of a stream: nothing carried over but plain bytes, and no anchor in the new ones (nor across the
    // boundary). Only the end of the tail that an anchor could straddle is looked at, and the carry takes the bytes.
    private bool IsCleanContinuation(ReadOnlySpan<byte> bytes, StreamCarry carry)
    {
        var tail = carry.Tail;
        var overlap = Math.Min(tail.Length, Math.Max(0, _rules.LongestAnchor - 1));
        var length = overlap + bytes.Length;
        if (_text.Length < length)
        {
            _text = new char[Math.Max(length, _text.Length * 2)];
        }

        tail[^overlap..].CopyTo(_text);
        Encoding.Latin1.GetChars(bytes, _text.AsSpan(overlap));
        var text = _text.AsSpan(0, length);
        if (SelectCandidates(text))
        {
            return false;
        }

        carry.Append(text[overlap..], anchorSeen: false);
        return true;
    }

    private static ulong Bit(int rule) => rule < 64 ? 1UL << rule : 0;

    // Secrets that ran to the end of the previous buffer: mask how they go on at the start of this one. Not counted
    // again: the rule counted the secret when it began.
    private bool Continue(Span<byte> bytes, ReadOnlySpan<char> payload, ulong open, ref ulong stillOpen)
    {
        var masked = false;
        for (var i = 0; i < _rules.Rules.Count && i < 64; i++)
        {
            if ((open & Bit(i)) == 0 || _rules.Rules[i].Continuation is not { } continuation)
            {
                continue;
            }

            foreach (var m in continuation.EnumerateMatches(payload))
            {
                if (m.Index == 0 && m.Length > 0)
                {
                    bytes[..m.Length].Fill(Mask);
                    masked = true;
                    if (m.Length == bytes.Length)
                    {
                        stillOpen |= Bit(i);
                    }
                }

                break;
            }
        }

        return masked;
    }

    // A rule runs when one of its anchors occurs (anywhere in the searched text) or when it has none. Returns whether
    // any anchor occurred.
    private bool SelectCandidates(ReadOnlySpan<char> text)
    {
        Array.Clear(_candidates);
        foreach (var rule in _rules.Unanchored)
        {
            _candidates[rule] = true;
        }

        if (_rules.Prefilter is not { } prefilter || !text.ContainsAny(_rules.AnchorFirstChars))
        {
            return false;
        }

        var seen = false;
        var remaining = _anchoredRules;
        var position = 0;
        while (remaining > 0 && position < text.Length)
        {
            var hit = text[position..].IndexOfAny(prefilter);
            if (hit < 0)
            {
                break;
            }

            seen = true;
            position += hit;
            var rest = text[position..];
            foreach (var anchor in _rules.AnchorTable)
            {
                if (rest.StartsWith(anchor.Text, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var rule in anchor.Rules)
                    {
                        if (!_candidates[rule])
                        {
                            _candidates[rule] = true;
                            remaining--;
                        }
                    }
                }
            }

            position++;
        }

        return seen;
    }

    private bool Apply(int rule, Span<byte> bytes, ReadOnlySpan<char> text, int tailLength, ulong open, ref ulong stillOpen)
    {
        var masked = false;
        try
        {
            var context = _rules.Rules[rule].Context;
            foreach (var m in _rules.Rules[rule].Pattern.EnumerateMatches(text))
            {
                var begin = context is null ? m.Index : m.Index + ContextLength(context, text.Slice(m.Index, m.Length));
                var end = m.Index + m.Length;
                if (end <= tailLength)
                {
                    // Wholly inside the previous buffer: dealt with when that buffer was redacted.
                    continue;
                }

                if (begin == end)
                {
                    continue;
                }

                var start = Math.Max(begin, tailLength) - tailLength;
                var secret = bytes[start..(end - tailLength)];
                var fresh = secret.ContainsAnyExcept(Mask);
                secret.Fill(Mask);
                masked = true;
                var continuesPrevious = begin <= tailLength && (open & Bit(rule)) != 0;
                if (fresh && !continuesPrevious)
                {
                    _counts.Add(rule);
                }

                if (end == text.Length)
                {
                    stillOpen |= Bit(rule);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A user pattern too slow for this buffer: nothing in it can be vouched for, so all of it is masked.
            bytes.Fill(Mask);
            _counts.Add(rule);
            masked = true;
        }

        return masked;
    }

    // How much of a match is context: the length of the context pattern's match at its start.
    private static int ContextLength(Regex context, ReadOnlySpan<char> match)
    {
        foreach (var m in context.EnumerateMatches(match))
        {
            return m.Index == 0 ? m.Length : 0;
        }

        return 0;
    }
}
