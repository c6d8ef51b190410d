using System.Text.RegularExpressions;

namespace Inspect.Redaction.Rules;

/// <summary>
/// One named rule: every match of <see cref="Pattern"/> holds a secret, masked byte for byte. Patterns run on the
/// bytes read as Latin-1 (one char per byte, so offsets map back exactly). Context that must stay readable, such as a
/// header name, is either matched too and named by <see cref="Context"/>, or put in lookarounds.
/// </summary>
public sealed class RedactionRule
{
    public RedactionRule(string name, Regex pattern, IReadOnlyList<string> anchors, Regex? continuation = null, bool builtIn = false, Regex? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(anchors);
        Name = name;
        Pattern = pattern;
        Anchors = anchors;
        Continuation = continuation;
        IsBuiltIn = builtIn;
        Context = context;
    }

    /// <summary>How the rule is reported in counts (<c>http-authorization</c>, <c>jwt</c>, a user rule's name).</summary>
    public string Name { get; }

    /// <summary>Matches the bytes to mask, preceded by their <see cref="Context"/> when the rule has one.</summary>
    public Regex Pattern { get; }

    /// <summary>
    /// Matches (from its start) the leading part of a <see cref="Pattern"/> match that is context, left readable;
    /// null when the whole match is the secret.
    /// </summary>
    /// <remarks>
    /// Why not lookbehinds: a pattern that starts with one is tried at every position of the buffer, which measured
    /// 15 to 25 times slower than a pattern that starts with its literal context and is found by a vectorised search.
    /// </remarks>
    public Regex? Context { get; }

    /// <summary>
    /// Literal strings (compared ignoring case) of which every match contains at least one. A buffer with none of
    /// them skips the pattern. Empty means the pattern runs on every buffer.
    /// </summary>
    public IReadOnlyList<string> Anchors { get; }

    /// <summary>
    /// For a secret cut at the end of one I/O buffer: how it goes on at the start of the next buffer of the same
    /// stream (anchored at the start). Null when the rule does not follow secrets across buffers this way.
    /// </summary>
    public Regex? Continuation { get; }

    public bool IsBuiltIn { get; }

    public override string ToString() => Name;
}
