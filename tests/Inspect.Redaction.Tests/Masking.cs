using System.Text;
using Inspect.Redaction.Matching;
using Inspect.Redaction.Rules;

namespace Inspect.Redaction.Tests;

/// <summary>Runs the text redactor on strings and states expectations as "these substrings become stars".</summary>
internal static class Masking
{
    public static (string Text, RedactionCounts Counts) Redact(string input, RedactionRuleSet? rules = null)
    {
        var set = rules ?? RedactionRuleSet.BuiltIn;
        var counts = new RedactionCounts(set);
        var bytes = Encoding.Latin1.GetBytes(input);
        new TextRedactor(set, counts).Redact(bytes, carry: null);
        return (Encoding.Latin1.GetString(bytes), counts);
    }

    /// <summary><paramref name="input"/> with each of <paramref name="secrets"/> (first occurrence) replaced by as many stars.</summary>
    public static string Expected(string input, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            var at = input.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(at >= 0, $"test data: '{secret}' is not in '{input}'");
            input = string.Concat(input.AsSpan(0, at), new string('*', secret.Length), input.AsSpan(at + secret.Length));
        }

        return input;
    }
}
