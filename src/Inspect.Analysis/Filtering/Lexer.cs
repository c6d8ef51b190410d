using System.Text;

namespace Inspect.Analysis.Filtering;

/// <summary>The kinds of tokens of the filter language.</summary>
public enum TokenKind
{
    End,
    LeftParen,
    RightParen,
    Comma,
    Word,
    Quoted,
    Operator,
}

/// <summary>One token and its 1-based column.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Column);

/// <summary>
/// Splits filter text into tokens. Words end at blanks, parentheses and (in value lists) commas; a field name also
/// ends at an operator character, so <c>proc.name=cat</c> needs no spaces. Quoted values take C escapes
/// (<c>\"</c>, <c>\\</c>, <c>\xHH</c>).
/// </summary>
public sealed class Lexer(string text)
{
    private int _pos;

    public string Text { get; } = text;

    /// <summary>Column of the next unread character.</summary>
    public int Column => _pos + 1;

    /// <summary>The next token where a field, keyword or parenthesis is expected.</summary>
    public Token NextTerm()
    {
        SkipBlanks();
        if (_pos >= Text.Length)
        {
            return new Token(TokenKind.End, "", Column);
        }

        var c = Text[_pos];
        var column = Column;
        if (c == '(')
        {
            _pos++;
            return new Token(TokenKind.LeftParen, "(", column);
        }

        if (c == ')')
        {
            _pos++;
            return new Token(TokenKind.RightParen, ")", column);
        }

        var start = _pos;
        while (_pos < Text.Length && !IsBlank(Text[_pos]) && Text[_pos] is not ('(' or ')' or '!' or '=' or '<' or '>'))
        {
            // Bracketed arguments (proc.aname[2], k8s.pod.label[app]) belong to the field.
            if (Text[_pos] == '[')
            {
                var close = Text.IndexOf(']', _pos);
                if (close < 0)
                {
                    throw new FilterException("missing ']'", _pos + 1);
                }

                _pos = close + 1;
                continue;
            }

            _pos++;
        }

        if (_pos == start)
        {
            throw new FilterException($"unexpected '{c}'", column);
        }

        return new Token(TokenKind.Word, Text[start.._pos], column);
    }

    /// <summary>The comparison operator after a field.</summary>
    public Token NextOperator()
    {
        SkipBlanks();
        var column = Column;
        foreach (var op in new[] { "==", "!=", "<=", ">=", "=", "<", ">" })
        {
            if (string.CompareOrdinal(Text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return new Token(TokenKind.Operator, op, column);
            }
        }

        var start = _pos;
        while (_pos < Text.Length && char.IsAsciiLetter(Text[_pos]))
        {
            _pos++;
        }

        return new Token(_pos == start ? TokenKind.End : TokenKind.Operator, Text[start.._pos], column);
    }

    /// <summary>A value: quoted, or a bare word (inside a list, commas end it too).</summary>
    public Token NextValue(bool inList)
    {
        SkipBlanks();
        var column = Column;
        if (_pos >= Text.Length)
        {
            return new Token(TokenKind.End, "", column);
        }

        var c = Text[_pos];
        if (c is '"' or '\'')
        {
            return ReadQuoted(c, column);
        }

        if (c == '(' || c == ')' || (inList && c == ','))
        {
            _pos++;
            return new Token(c == '(' ? TokenKind.LeftParen : c == ')' ? TokenKind.RightParen : TokenKind.Comma, c.ToString(), column);
        }

        var start = _pos;
        while (_pos < Text.Length && !IsBlank(Text[_pos]) && Text[_pos] is not ('(' or ')') && !(inList && Text[_pos] == ','))
        {
            _pos++;
        }

        return new Token(TokenKind.Word, Text[start.._pos], column);
    }

    /// <summary>The punctuation inside a value list: ',' or ')'.</summary>
    public Token NextListSeparator()
    {
        SkipBlanks();
        var column = Column;
        if (_pos < Text.Length && Text[_pos] is ',' or ')')
        {
            var c = Text[_pos++];
            return new Token(c == ',' ? TokenKind.Comma : TokenKind.RightParen, c.ToString(), column);
        }

        return new Token(_pos >= Text.Length ? TokenKind.End : TokenKind.Word, _pos >= Text.Length ? "" : Text[_pos].ToString(), column);
    }

    /// <summary>Looks at the next term without consuming it.</summary>
    public Token PeekTerm()
    {
        var save = _pos;
        try
        {
            return NextTerm();
        }
        catch (FilterException)
        {
            return new Token(TokenKind.Word, "", Column);
        }
        finally
        {
            _pos = save;
        }
    }

    private Token ReadQuoted(char quote, int column)
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < Text.Length)
        {
            var c = Text[_pos];
            if (c == quote)
            {
                _pos++;
                return new Token(TokenKind.Quoted, sb.ToString(), column);
            }

            if (c == '\\' && _pos + 1 < Text.Length)
            {
                var n = Text[_pos + 1];
                if (n is '\\' or '"' or '\'')
                {
                    sb.Append(n);
                    _pos += 2;
                    continue;
                }

                if (n == 'x' && _pos + 3 < Text.Length && char.IsAsciiHexDigit(Text[_pos + 2]) && char.IsAsciiHexDigit(Text[_pos + 3]))
                {
                    sb.Append((char)Convert.ToByte(Text.Substring(_pos + 2, 2), 16));
                    _pos += 4;
                    continue;
                }

                if (n == 'x')
                {
                    throw new FilterException("bad \\x escape: two hex digits expected", _pos + 1);
                }
            }

            sb.Append(c);
            _pos++;
        }

        throw new FilterException("unclosed quote", column);
    }

    private void SkipBlanks()
    {
        while (_pos < Text.Length && IsBlank(Text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
}
