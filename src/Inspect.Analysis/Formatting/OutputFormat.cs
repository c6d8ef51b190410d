using System.Text;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Formatting;

/// <summary>
/// A sysdig output format (<c>-p</c>): literal text and <c>%field</c> references, optionally <c>%Nfield</c> to pad or
/// cut a value to N characters. Without a leading '*', an event where any field has no value prints nothing at all
/// (sysdig's rule); with it, missing values print as &lt;NA&gt;.
/// </summary>
public sealed class OutputFormat
{
    /// <summary>sysdig's default line.</summary>
    public const string Default = "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

    private readonly Token[] _tokens;

    private OutputFormat(Token[] tokens, bool requireAll)
    {
        _tokens = tokens;
        RequireAll = requireAll;
    }

    /// <summary>Whether a missing value suppresses the whole line.</summary>
    public bool RequireAll { get; }

    /// <summary>The fields referenced, in order.</summary>
    public IEnumerable<BoundField> Fields => _tokens.Where(t => t.Field is not null).Select(t => t.Field!);

    /// <summary>Parses a format; \n, \t, \e and \\ escapes are expanded first, as sysdig does.</summary>
    /// <exception cref="FormatException">An unknown field or a dangling '%'; the message names the column.</exception>
    public static OutputFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Length == 0)
        {
            throw new FormatException("empty format");
        }

        var requireAll = true;
        var offset = 0;
        if (format[0] == '*')
        {
            requireAll = false;
            offset = 1;
        }

        var tokens = new List<Token>();
        var literal = new StringBuilder();
        for (var i = offset; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '\\' && i + 1 < format.Length && format[i + 1] is 'n' or 't' or 'e' or '\\')
            {
                literal.Append(format[++i] switch { 'n' => '\n', 't' => '\t', 'e' => '\x1b', _ => '\\' });
                continue;
            }

            if (c != '%')
            {
                literal.Append(c);
                continue;
            }

            if (i == format.Length - 1)
            {
                throw new FormatException($"the format cannot end with '%' (column {i + 1})");
            }

            var start = i;
            var j = i + 1;
            while (j < format.Length && char.IsAsciiDigit(format[j]))
            {
                j++;
            }

            var width = j > i + 1 ? int.Parse(format.AsSpan(i + 1, j - i - 1), System.Globalization.CultureInfo.InvariantCulture) : 0;
            BoundField? field;
            int consumed;
            try
            {
                consumed = FieldRegistry.Match(format, j, out field);
            }
            catch (FieldException e)
            {
                throw new FormatException($"{e.Message} at column {start + 1} of the format", e);
            }

            if (field is null)
            {
                var end = j;
                while (end < format.Length && !char.IsWhiteSpace(format[end]) && format[end] != '%' && (end == j || char.IsAsciiLetterOrDigit(format[end]) || format[end] is '.' or '_'))
                {
                    end++;
                }

                throw new FormatException($"unknown field '{format[j..end].TrimEnd('.')}' at column {start + 1} of the format");
            }

            if ((field.Definition.Flags & FieldFlags.FilterOnly) != 0 || field.Candidates is not null)
            {
                throw new FormatException($"{field.Text} can be used in filters only (column {start + 1} of the format)");
            }

            if (literal.Length > 0)
            {
                tokens.Add(new Token(literal.ToString(), null, 0));
                literal.Clear();
            }

            tokens.Add(new Token(null, field, width));
            i = j + consumed - 1;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Token(literal.ToString(), null, 0));
        }

        return new OutputFormat([.. tokens], requireAll);
    }

    /// <summary>The line for this event, or null when a required value is missing.</summary>
    public string? Format(ref EventContext ctx)
    {
        var sb = new StringBuilder(128);
        foreach (var t in _tokens)
        {
            if (t.Field is null)
            {
                sb.Append(t.Literal);
                continue;
            }

            var text = t.Field.ToText(ref ctx);
            if (text is null)
            {
                if (RequireAll)
                {
                    return null;
                }

                text = "<NA>";
            }

            if (t.Width != 0)
            {
                sb.Append(text.Length >= t.Width ? text.AsSpan(0, t.Width) : text.PadRight(t.Width));
            }
            else
            {
                sb.Append(text);
            }
        }

        return sb.ToString();
    }

    /// <summary>The event as a JSON object keyed by field (sorted, as sysdig's -j prints it), or null when a required value is missing.</summary>
    public string? FormatJson(ref EventContext ctx)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in _tokens)
        {
            if (t.Field is null)
            {
                continue;
            }

            var v = t.Field.ToJson(ref ctx);
            if (v is null && RequireAll)
            {
                return null;
            }

            values[t.Field.Text] = v;
        }

        return Json.Object(values);
    }

    private sealed record Token(string? Literal, BoundField? Field, int Width);
}
