using System.Globalization;
using Inspect.Scap.Model;

namespace Inspect.Cli.Output;

/// <summary>The one line <c>record</c> and <c>redact</c> print about what redaction masked.</summary>
internal static class RedactionReport
{
    public static string Line(RedactionSummary? summary)
    {
        if (summary is null)
        {
            return "inspect: not redacted (--no-redact): the file may hold secrets";
        }

        var hits = summary.Rules.Where(r => r.Count > 0).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rule} {r.Count}")).ToList();
        return hits.Count == 0
            ? $"inspect: redaction: no secrets found by {summary.Rules.Count} rules"
            : string.Create(CultureInfo.InvariantCulture, $"inspect: redaction: {summary.Total} secrets masked ({string.Join(", ", hits)})");
    }
}
