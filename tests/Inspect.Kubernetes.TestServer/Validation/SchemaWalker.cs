using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Validation;

/// <summary>Child schemas of a structural schema, and how field paths are spelled (<c>spec.nodes[0].node</c>,
/// <c>spec.labels[app]</c>).</summary>
internal static class SchemaWalker
{
    public static JsonObject? Property(JsonObject schema, string name) =>
        Json.At(schema, "properties", name) as JsonObject
        ?? (schema["additionalProperties"] as JsonObject);

    public static JsonObject? Items(JsonObject schema) => schema["items"] as JsonObject;

    public static bool PreservesUnknown(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;

    public static bool Nullable(JsonObject schema) => schema["nullable"]?.GetValue<bool>() == true;

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Key(string path, string key) => $"{path}[{key}]";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
