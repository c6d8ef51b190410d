using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer;

/// <summary>JSON helpers over System.Text.Json nodes: the object model the server stores and patches.</summary>
public static class Json
{
    /// <summary>Serializer options that keep quotes, '&lt;' and non-ASCII readable.</summary>
    public static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Parses an object, or throws a 400.</summary>
    public static JsonObject ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Http.ApiException.BadRequest("the request body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Http.ApiException.BadRequest($"error decoding the request body: {e.Message}");
        }
    }

    /// <summary>Compact JSON text.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";

    /// <summary>A string member, or null.</summary>
    public static string? Str(JsonNode? node, params string[] path)
    {
        var n = At(node, path);
        return n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>The node at a path of object keys, or null.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node;
    }

    /// <summary>The object at <paramref name="key"/>, created when missing.</summary>
    public static JsonObject Obj(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>Deep equality of two JSON trees (object key order ignored).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>A deep copy.</summary>
    public static JsonObject Clone(JsonObject node) => (JsonObject)node.DeepClone();

    /// <summary>A number, whatever CLR type backs the node.</summary>
    public static double Num(JsonNode node) =>
        double.Parse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An integer, whatever CLR type backs the node.</summary>
    public static long Long(JsonNode node) => (long)Num(node);

    /// <summary>A 32-bit integer, whatever CLR type backs the node.</summary>
    public static int Int(JsonNode node) => (int)Num(node);

    /// <summary>The same tree with every value backed by parsed JSON, so typed reads behave alike everywhere.</summary>
    public static JsonObject Normalize(JsonObject node) => (JsonObject)JsonNode.Parse(node.ToJsonString())!;
}
