using Inspect.Analysis.Filtering;

namespace Inspect.Analysis.Tests;

/// <summary>The filter grammar: each filter string and the AST it parses to, or the error and its column.</summary>
public sealed class ParserTests
{
    [Theory]
    [InlineData("proc.name=cat", "proc.name = cat")]
    [InlineData("proc.name = cat", "proc.name = cat")]
    [InlineData("proc.name==cat", "proc.name = cat")]
    [InlineData("fd.num>=3", "fd.num >= 3")]
    [InlineData("evt.rawres < 0", "evt.rawres < 0")]
    [InlineData("fd.name contains /etc", "fd.name contains /etc")]
    [InlineData("fd.name icontains ETC", "fd.name icontains ETC")]
    [InlineData("fd.name startswith /tmp and fd.name endswith .log", "and(fd.name startswith /tmp, fd.name endswith .log)")]
    [InlineData("fd.name glob '/var/*/x?'", "fd.name glob /var/*/x?")]
    [InlineData("evt.type in (open, openat,close)", "evt.type in (open, openat, close)")]
    [InlineData("proc.name exists", "proc.name exists")]
    [InlineData("not proc.name exists", "not(proc.name exists)")]
    [InlineData("a.b=1 or c.d=2 and e.f=3", "or(a.b = 1, and(c.d = 2, e.f = 3))")]
    [InlineData("(a.b=1 or c.d=2) and e.f=3", "and(or(a.b = 1, c.d = 2), e.f = 3)")]
    [InlineData("not not a.b=1", "not(not(a.b = 1))")]
    [InlineData("proc.aname[2]=bash", "proc.aname[2] = bash")]
    [InlineData("k8s.pod.label[app.kubernetes.io/name]=web", "k8s.pod.label[app.kubernetes.io/name] = web")]
    [InlineData("evt.arg.fd!=3", "evt.arg.fd != 3")]
    [InlineData("fd.name=\"a b\\\"c\"", "fd.name = a b\"c")]
    [InlineData("evt.buffer contains \"\\x47ET\"", "evt.buffer contains GET")]
    [InlineData("fd.name pmatch (/etc, /tmp)", "fd.name pmatch (/etc, /tmp)")]
    public void Parses(string filter, string expected) => Assert.Equal(expected, Parser.Parse(filter).ToString());

    [Theory]
    [InlineData("", 1, "empty filter")]
    [InlineData("proc.name", 10, "expected an operator")]
    [InlineData("proc.name =", 12, "expected a value")]
    [InlineData("proc.name ~ x", 11, "expected an operator")]
    [InlineData("proc.name like x", 11, "unknown operator 'like'")]
    [InlineData("(proc.name=x", 13, "missing ')'")]
    [InlineData("proc.name=x)", 12, "unexpected ')'")]
    [InlineData("proc.name=x and", 16, "condition is missing")]
    [InlineData("and proc.name=x", 1, "unexpected 'and'")]
    [InlineData("evt.type in open", 13, "expected '('")]
    [InlineData("evt.type in (open", 18, "missing ')'")]
    [InlineData("fd.name='abc", 9, "unclosed quote")]
    [InlineData("proc.aname[2=x", 11, "missing ']'")]
    public void Reports_syntax_errors_with_their_column(string filter, int column, string message)
    {
        var e = Assert.Throws<FilterException>(() => Parser.Parse(filter));
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proc.nam=x", 1, "unknown field 'proc.nam'")]
    [InlineData("fd.num contains 3", 8, "'contains' is not supported")]
    [InlineData("fd.num=abc", 8, "'abc' is not a number")]
    [InlineData("evt.failed=yes", 12, "not a boolean")]
    [InlineData("fd.sip=10.0.0.300", 8, "not an IP address")]
    [InlineData("evt.type=nosuchcall", 10, "unknown event type")]
    [InlineData("evt.buffer glob x", 12, "'glob' is not supported")]
    [InlineData("evt.arg.nosuchparam=1", 1, "unknown event argument")]
    public void Reports_semantic_errors_with_their_column(string filter, int column, string message)
    {
        var e = Assert.Throws<FilterException>(() => FilterCompiler.Compile(filter));
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.log", "/var/log/a.log", true)]
    [InlineData("/var/*/a.log", "/var/log/a.log", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[abc]x", "bx", true)]
    [InlineData("[!abc]x", "bx", false)]
    [InlineData("[a-c]*", "cat", true)]
    [InlineData("\\*x", "*x", true)]
    [InlineData("\\*x", "ax", false)]
    public void Glob_matches_like_fnmatch(string pattern, string text, bool expected) => Assert.Equal(expected, Glob.IsMatch(pattern, text));
}
