namespace Inspect.Redaction;

/// <summary>A redaction rule or rules file that cannot be used; the message names the file or rule and what is wrong.</summary>
public sealed class RedactionRuleException : Exception
{
    public RedactionRuleException()
    {
    }

    public RedactionRuleException(string message)
        : base(message)
    {
    }

    public RedactionRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
