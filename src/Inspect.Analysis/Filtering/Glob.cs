namespace Inspect.Analysis.Filtering;

/// <summary>Shell-style wildcard matching as fnmatch(3) without flags: '*', '?', '[...]' classes and '\' escapes.</summary>
public static class Glob
{
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length && Step(pattern, ref p, ref t, text, ref starP, ref starT))
            {
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    // Advances over one pattern element that matches at text[t]; false when it does not match.
    private static bool Step(ReadOnlySpan<char> pattern, ref int p, ref int t, ReadOnlySpan<char> text, ref int starP, ref int starT)
    {
        var c = pattern[p];
        if (c == '*')
        {
            starP = p++;
            starT = t;
            return true;
        }

        if (c == '?')
        {
            p++;
            t++;
            return true;
        }

        if (c == '[')
        {
            var matched = MatchClass(pattern, p, text[t], out var next);
            if (next > 0)
            {
                if (!matched)
                {
                    return false;
                }

                p = next;
                t++;
                return true;
            }
        }

        var advance = 1;
        if (c == '\\' && p + 1 < pattern.Length)
        {
            c = pattern[p + 1];
            advance = 2;
        }

        if (c != text[t])
        {
            return false;
        }

        p += advance;
        t++;
        return true;
    }

    // Matches a bracket expression at pattern[start] == '['; next is the index after ']' (0 when malformed).
    private static bool MatchClass(ReadOnlySpan<char> pattern, int start, char c, out int next)
    {
        var i = start + 1;
        var negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            var lo = pattern[i];
            if (lo == '\\' && i + 1 < pattern.Length)
            {
                lo = pattern[++i];
            }

            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                var hi = pattern[i + 2];
                if (c >= lo && c <= hi)
                {
                    matched = true;
                }

                i += 3;
            }
            else
            {
                if (c == lo)
                {
                    matched = true;
                }

                i++;
            }
        }

        if (i >= pattern.Length)
        {
            next = 0;
            return false;
        }

        next = i + 1;
        return matched != negate;
    }
}
