using System.Globalization;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;

namespace Inspect.Kubernetes.TestServer.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test over RFC 6901 pointers.</summary>
public static class JsonPatch
{
    /// <summary>The document with the operations applied in order; 422 when an operation cannot apply.</summary>
    public static JsonObject Apply(JsonObject document, JsonArray operations)
    {
        JsonNode root = document.DeepClone();
        foreach (var op in operations.OfType<JsonObject>())
        {
            var name = Json.Str(op, "op") ?? throw Fail("missing op");
            var path = Json.Str(op, "path") ?? throw Fail("missing path");
            switch (name)
            {
                case "add":
                    root = Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    _ = Get(root, path) ?? throw Fail($"replace operation does not apply: doc is missing key: {path}");
                    Remove(root, path);
                    root = Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var from = Json.Str(op, "from") ?? throw Fail("missing from");
                    var moved = Get(root, from)?.DeepClone();
                    Remove(root, from);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Get(root, Json.Str(op, "from") ?? throw Fail("missing from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw Fail($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw Fail($"Unexpected kind: {name}");
            }
        }

        return root as JsonObject ?? throw Fail("the patched document is not an object");
    }

    private static ApiException Fail(string message) => new(422, "Invalid", message);

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : [.. path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value ?? throw Fail("cannot replace the document with null");
        }

        var parent = Get(root, Parent(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Fail($"add operation does not apply: doc is missing path: \"{path}\"");
        }

        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        var parent = Get(root, Parent(tokens));
        var last = tokens[^1];
        var removed = parent switch
        {
            JsonObject o => o.Remove(last),
            JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw Fail($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static bool RemoveAt(JsonArray a, int i)
    {
        a.RemoveAt(i);
        return true;
    }

    private static string Parent(string[] tokens) => tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
