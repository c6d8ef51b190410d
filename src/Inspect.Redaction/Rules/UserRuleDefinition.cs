using System.Text.RegularExpressions;

namespace Inspect.Redaction.Rules;

/// <summary>
/// A rule a user adds, as written in a rules file or a Capture spec: a name and either a regular expression (.NET
/// syntax; every match is masked, so context goes in lookarounds) or a literal string (masked wherever it occurs).
/// </summary>
public sealed record UserRuleDefinition(string Name, string? Regex = null, string? Literal = null)
{
    /// <summary>How long one user pattern may run on one buffer before the whole buffer is masked instead.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Regex ValidName = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant);

    /// <summary>Checks the definition and compiles it; <paramref name="where"/> names its origin in errors.</summary>
    /// <exception cref="RedactionRuleException">The name, the pattern or the literal is unusable.</exception>
    public RedactionRule Compile(string where)
    {
        if (string.IsNullOrEmpty(Name) || !ValidName.IsMatch(Name))
        {
            throw new RedactionRuleException($"{where}: rule name '{Name}' must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if ((Regex is null) == (Literal is null))
        {
            throw new RedactionRuleException($"{where}: rule '{Name}' needs exactly one of 'regex' and 'literal'");
        }

        if (Literal is not null)
        {
            if (Literal.Length == 0)
            {
                throw new RedactionRuleException($"{where}: rule '{Name}' has an empty literal");
            }

            return new RedactionRule(Name, Build(System.Text.RegularExpressions.Regex.Escape(Literal), where), [Literal]);
        }

        if (Regex!.Length == 0)
        {
            throw new RedactionRuleException($"{where}: rule '{Name}' has an empty regex");
        }

        var pattern = Build(Regex, where);
        if (pattern.IsMatch(string.Empty))
        {
            throw new RedactionRuleException($"{where}: rule '{Name}': regex '{Regex}' matches the empty string, so it would mask nothing");
        }

        return new RedactionRule(Name, pattern, []);
    }

    private Regex Build(string pattern, string where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new RedactionRuleException($"{where}: rule '{Name}': invalid regex '{pattern}': {e.Message}", e);
        }
    }
}
