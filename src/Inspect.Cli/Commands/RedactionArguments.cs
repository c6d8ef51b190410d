using Inspect.Redaction;
using Inspect.Redaction.Rules;

namespace Inspect.Cli.Commands;

/// <summary>Turns a rules-file option into a rule set; a bad file becomes a usage error naming it.</summary>
internal static class RedactionArguments
{
    public static RedactionRuleSet Load(string? rulesFile)
    {
        if (rulesFile is null)
        {
            return RedactionRuleSet.BuiltIn;
        }

        try
        {
            return RedactionRuleSet.FromFile(rulesFile);
        }
        catch (RedactionRuleException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
