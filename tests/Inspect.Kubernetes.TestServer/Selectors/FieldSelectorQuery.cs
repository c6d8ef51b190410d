using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Selectors;

/// <summary>A parsed <c>?fieldSelector=</c>: <c>f=v</c>, <c>f==v</c>, <c>f!=v</c> joined by commas, over the fields
/// the resource supports (metadata.name, metadata.namespace, and e.g. spec.nodeName for pods); other fields are
/// refused with 400 as the real server does.</summary>
public sealed class FieldSelectorQuery
{
    private readonly List<(string[] Path, string Value, bool Equal)> _terms = [];

    private FieldSelectorQuery()
    {
    }

    /// <summary>Parses the selector for a resource type.</summary>
    public static FieldSelectorQuery Parse(string? text, ResourceType type)
    {
        var query = new FieldSelectorQuery();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (at, length, equal) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, 2, false)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? (ee, 2, true)
                : part.IndexOf('=', StringComparison.Ordinal) is var e and > 0 ? (e, 1, true)
                : throw ApiException.BadRequest($"invalid selector: '{part}'; can't understand '{part}'");
            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.SelectableFields.Contains(field))
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            query._terms.Add((field.Split('.'), part[(at + length)..].Trim(), equal));
        }

        return query;
    }

    /// <summary>True when every term holds for the object (a missing field reads as "").</summary>
    public bool Matches(JsonObject obj) => _terms.All(t => (Value(obj, t.Path) == t.Value) == t.Equal);

    private static string Value(JsonObject obj, string[] path)
    {
        var node = Json.At(obj, path);
        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
