namespace Inspect.Analysis.Fields;

/// <summary>All field families, and how a written field name (with its argument) becomes a <see cref="BoundField"/>.</summary>
public static class FieldRegistry
{
    /// <summary>Every field, family by family, in listing order.</summary>
    public static IReadOnlyList<FieldDefinition> All { get; } =
        [.. EventFields.Table, .. IoCounterFields.Table, .. ProcessFields.Table, .. ThreadUsageFields.Table, .. FdFields.Table, .. UserFields.Table, .. ContainerFields.Table, .. K8sFields.Table];

    private static readonly Dictionary<string, FieldDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Binds a field written exactly as <paramref name="text"/> (a filter operand).</summary>
    /// <exception cref="FieldException">Unknown field or bad argument.</exception>
    public static BoundField Bind(string text)
    {
        var consumed = Match(text, 0, out var field);
        if (field is null || consumed != text.Length)
        {
            throw new FieldException($"unknown field '{text}'");
        }

        return field;
    }

    /// <summary>
    /// Matches the longest field name at <paramref name="start"/> (an output format), with its argument when it takes
    /// one; returns the characters consumed (0 when no field matches).
    /// </summary>
    public static int Match(string s, int start, out BoundField? field)
    {
        field = null;
        var end = start;
        while (end < s.Length && IsNameChar(s[end]))
        {
            end++;
        }

        // Longest known name that is a prefix of the run and ends at a name boundary.
        FieldDefinition? best = null;
        for (var len = end - start; len > 0; len--)
        {
            if (ByName.TryGetValue(s.Substring(start, len), out var d))
            {
                var next = start + len < s.Length ? s[start + len] : '\0';
                var takesArgument = (d.Flags & (FieldFlags.RequiresArgument | FieldFlags.OptionalIndex)) != 0;
                if (!IsNameChar(next) || next == '.' || (next == '[' && takesArgument))
                {
                    best = d;
                    break;
                }
            }
        }

        if (best is null)
        {
            return 0;
        }

        var pos = start + best.Name.Length;
        string? argument = null;
        var argumented = (best.Flags & (FieldFlags.RequiresArgument | FieldFlags.OptionalIndex)) != 0;
        if (argumented && pos < s.Length && s[pos] == '[')
        {
            var close = s.IndexOf(']', pos);
            if (close < 0)
            {
                throw new FieldException($"missing ']' after {s[start..]}");
            }

            argument = s[pos..(close + 1)];
            pos = close + 1;
        }
        else if ((best.Flags & FieldFlags.RequiresArgument) != 0 && pos < s.Length && s[pos] == '.')
        {
            var argEnd = pos + 1;
            while (argEnd < s.Length && (char.IsAsciiLetterOrDigit(s[argEnd]) || s[argEnd] is '_' or '-' or '.' or '/'))
            {
                argEnd++;
            }

            // A trailing '.' belongs to the text after the field.
            while (argEnd > pos + 1 && s[argEnd - 1] == '.')
            {
                argEnd--;
            }

            argument = s[pos..argEnd];
            pos = argEnd;
        }

        if ((best.Flags & FieldFlags.RequiresArgument) != 0 && argument is null)
        {
            throw new FieldException($"{best.Name} needs an argument ({best.Name}{best.ArgumentSyntax.Split('|')[0]})");
        }

        field = best.Bind(best, argument);
        return pos - start;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_';
}
