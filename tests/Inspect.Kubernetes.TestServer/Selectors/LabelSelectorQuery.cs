using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;

namespace Inspect.Kubernetes.TestServer.Selectors;

/// <summary>A parsed <c>?labelSelector=</c>: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
/// <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>, joined by commas (all must hold).</summary>
public sealed class LabelSelectorQuery
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelectorQuery()
    {
    }

    /// <summary>Parses the selector; 400 when it is malformed.</summary>
    public static LabelSelectorQuery Parse(string? text)
    {
        var query = new LabelSelectorQuery();
        foreach (var part in Split(text ?? ""))
        {
            query._requirements.Add(Requirement(part.Trim()));
        }

        return query;
    }

    /// <summary>True when the object's labels satisfy every requirement.</summary>
    public bool Matches(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Json.At(obj, "metadata", "labels") is JsonObject l)
        {
            foreach (var (k, v) in l)
            {
                labels[k] = v?.GetValue<string>() ?? "";
            }
        }

        return _requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string part)
    {
        if (part.Length == 0)
        {
            throw ApiException.BadRequest("unable to parse requirement: found '', expected: identifier");
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        var setOp = part.IndexOf(" notin ", StringComparison.Ordinal) is var n and >= 0 ? (n, 7, false)
            : part.IndexOf(" in ", StringComparison.Ordinal) is var i and >= 0 ? (i, 4, true) : (-1, 0, false);
        if (setOp.Item1 >= 0)
        {
            var key = part[..setOp.Item1].Trim();
            var list = part[(setOp.Item1 + setOp.Item2)..].Trim();
            if (!list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw ApiException.BadRequest($"unable to parse requirement: found '{list}', expected: '('");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return setOp.Item3
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var value = part[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        return labels => labels.ContainsKey(part);
    }

    /// <summary>Splits at commas outside parentheses.</summary>
    private static IEnumerable<string> Split(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text.Length > 0)
        {
            yield return text[start..];
        }
    }
}
