// The sysdig filter language, as Inspect parses it (a superset of sysdig 0.29's: 'and' binds tighter than 'or', so
// mixing them without parentheses is allowed rather than rejected as ambiguous).
//
//   filter     = or-expr END ;
//   or-expr    = and-expr { "or" and-expr } ;
//   and-expr   = not-expr { "and" not-expr } ;
//   not-expr   = "not" not-expr | primary ;
//   primary    = "(" or-expr ")" | check ;
//   check      = field ( "exists"
//                      | compare-op value
//                      | list-op "(" value { "," value } ")" ) ;
//   compare-op = "=" | "==" | "!=" | "<" | "<=" | ">" | ">="
//              | "contains" | "icontains" | "startswith" | "endswith" | "glob" ;
//   list-op    = "in" | "intersects" | "pmatch" ;
//   field      = name [ "[" argument "]" ] ;          (* proc.aname[2], k8s.pod.label[app] *)
//   name       = letter { letter | digit | "." | "_" } ;  (* evt.arg.fd, thread.cgroup.cpu *)
//   value      = quoted | bare ;
//   quoted     = '"' { char | escape } '"' | "'" { char | escape } "'" ;
//   escape     = "\\" | '\"' | "\'" | "\x" hex hex ;
//   bare       = { any character except blank, "(", ")" and, inside lists, "," } ;
//
// Blanks separate tokens; a field name also ends at '!', '=', '<' or '>'.

namespace Inspect.Analysis.Filtering;

/// <summary>Parses filter text into an AST (see the grammar above); errors name the column.</summary>
public sealed class Parser
{
    private readonly Lexer _lexer;

    private Parser(string text)
    {
        _lexer = new Lexer(text);
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FilterException">Syntax error.</exception>
    public static FilterNode Parse(string text)
    {
        var parser = new Parser(text);
        if (parser._lexer.PeekTerm().Kind == TokenKind.End)
        {
            throw new FilterException("empty filter", 1);
        }

        var node = parser.ParseOr();
        var end = parser._lexer.NextTerm();
        if (end.Kind != TokenKind.End)
        {
            throw new FilterException($"unexpected '{end.Text}'", end.Column);
        }

        return node;
    }

    private FilterNode ParseOr()
    {
        var first = ParseAnd();
        var operands = new List<FilterNode> { first };
        while (IsKeyword(_lexer.PeekTerm(), "or"))
        {
            _lexer.NextTerm();
            operands.Add(ParseAnd());
        }

        return operands.Count == 1 ? first : new OrNode(operands, first.Column);
    }

    private FilterNode ParseAnd()
    {
        var first = ParseNot();
        var operands = new List<FilterNode> { first };
        while (IsKeyword(_lexer.PeekTerm(), "and"))
        {
            _lexer.NextTerm();
            operands.Add(ParseNot());
        }

        return operands.Count == 1 ? first : new AndNode(operands, first.Column);
    }

    private FilterNode ParseNot()
    {
        var token = _lexer.PeekTerm();
        if (IsKeyword(token, "not"))
        {
            _lexer.NextTerm();
            return new NotNode(ParseNot(), token.Column);
        }

        return ParsePrimary();
    }

    private FilterNode ParsePrimary()
    {
        var token = _lexer.NextTerm();
        switch (token.Kind)
        {
            case TokenKind.LeftParen:
                {
                    var inner = ParseOr();
                    var close = _lexer.NextTerm();
                    if (close.Kind != TokenKind.RightParen)
                    {
                        throw new FilterException(close.Kind == TokenKind.End ? "missing ')'" : $"expected ')' but found '{close.Text}'", close.Column);
                    }

                    return inner;
                }

            case TokenKind.End:
                throw new FilterException("unexpected end of filter: a condition is missing", token.Column);
            case TokenKind.RightParen:
                throw new FilterException("unexpected ')'", token.Column);
        }

        if (IsKeyword(token, "and") || IsKeyword(token, "or"))
        {
            throw new FilterException($"unexpected '{token.Text}': a condition is missing", token.Column);
        }

        return ParseCheck(token);
    }

    private CheckNode ParseCheck(Token field)
    {
        var opToken = _lexer.NextOperator();
        if (opToken.Kind == TokenKind.End)
        {
            throw new FilterException($"expected an operator after '{field.Text}'", opToken.Column);
        }

        var op = opToken.Text switch
        {
            "=" or "==" => FilterOperator.Equal,
            "!=" => FilterOperator.NotEqual,
            "<" => FilterOperator.Less,
            "<=" => FilterOperator.LessOrEqual,
            ">" => FilterOperator.Greater,
            ">=" => FilterOperator.GreaterOrEqual,
            "contains" => FilterOperator.Contains,
            "icontains" => FilterOperator.IContains,
            "startswith" => FilterOperator.StartsWith,
            "endswith" => FilterOperator.EndsWith,
            "glob" => FilterOperator.Glob,
            "in" => FilterOperator.In,
            "intersects" => FilterOperator.Intersects,
            "pmatch" => FilterOperator.PMatch,
            "exists" => FilterOperator.Exists,
            _ => throw new FilterException($"unknown operator '{opToken.Text}'", opToken.Column),
        };

        if (op == FilterOperator.Exists)
        {
            return new CheckNode(field.Text, op, [], field.Column, opToken.Column);
        }

        if (op is FilterOperator.In or FilterOperator.Intersects or FilterOperator.PMatch)
        {
            var open = _lexer.NextValue(inList: true);
            if (open.Kind != TokenKind.LeftParen)
            {
                throw new FilterException($"expected '(' after '{opToken.Text}'", open.Column);
            }

            var values = new List<FilterValue>();
            while (true)
            {
                var value = _lexer.NextValue(inList: true);
                if (value.Kind is not (TokenKind.Word or TokenKind.Quoted) || (value.Kind == TokenKind.Word && value.Text.Length == 0))
                {
                    throw new FilterException(value.Kind == TokenKind.End ? "unexpected end of filter inside a value list" : $"expected a value but found '{value.Text}'", value.Column);
                }

                values.Add(new FilterValue(value.Text, value.Column));
                var sep = _lexer.NextListSeparator();
                if (sep.Kind == TokenKind.RightParen)
                {
                    break;
                }

                if (sep.Kind != TokenKind.Comma)
                {
                    throw new FilterException(sep.Kind == TokenKind.End ? "missing ')' after the value list" : "expected ',' or ')' in the value list", sep.Column);
                }
            }

            return new CheckNode(field.Text, op, values, field.Column, opToken.Column);
        }

        var single = _lexer.NextValue(inList: false);
        if (single.Kind is not (TokenKind.Word or TokenKind.Quoted) || (single.Kind == TokenKind.Word && single.Text.Length == 0))
        {
            throw new FilterException($"expected a value after '{opToken.Text}'", single.Column);
        }

        return new CheckNode(field.Text, op, [new FilterValue(single.Text, single.Column)], field.Column, opToken.Column);
    }

    private static bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Word && string.Equals(token.Text, keyword, StringComparison.Ordinal);
}
