using System.Globalization;
using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Tables;

/// <summary>The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0].b</c>, <c>.a[*].b</c> (all values).</summary>
public static class SimpleJsonPath
{
    /// <summary>Every value the path reaches.</summary>
    public static List<JsonNode> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        foreach (var segment in path.Trim().TrimStart('{').TrimEnd('}').TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket >= 0 ? segment[..bracket] : segment;
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                var child = name.Length == 0 ? node : (node as JsonObject)?[name];
                if (bracket < 0)
                {
                    next.Add(child);
                    continue;
                }

                var index = segment[(bracket + 1)..^1];
                if (child is JsonArray a)
                {
                    if (index == "*")
                    {
                        next.AddRange(a);
                    }
                    else if (int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count)
                    {
                        next.Add(a[i]);
                    }
                }
            }

            current = next;
        }

        return [.. current.OfType<JsonNode>()];
    }
}
