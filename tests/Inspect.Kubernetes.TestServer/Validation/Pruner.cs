using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Validation;

/// <summary>Drops what a structural schema does not declare, as the API server does for custom resources: unknown
/// fields (reported, so strict field validation can refuse them) and nulls in non-nullable fields.</summary>
internal static class Pruner
{
    /// <summary>Prunes in place; returns the paths of the unknown fields removed.</summary>
    public static List<string> Prune(JsonObject obj, JsonObject schema)
    {
        var unknown = new List<string>();
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            PruneMember(obj, key, schema, "", unknown);
        }

        return unknown;
    }

    private static void Walk(JsonNode? node, JsonObject schema, string path, List<string> unknown)
    {
        switch (node)
        {
            case JsonObject o when !SchemaWalker.PreservesUnknown(schema) || schema["properties"] is not null:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    PruneMember(o, key, schema, path, unknown);
                }

                break;
            case JsonArray a when SchemaWalker.Items(schema) is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], items, SchemaWalker.Index(path, i), unknown);
                }

                break;
        }
    }

    private static void PruneMember(JsonObject o, string key, JsonObject schema, string path, List<string> unknown)
    {
        var child = SchemaWalker.Property(schema, key);
        var childPath = schema["properties"] is JsonObject p && p.ContainsKey(key) ? SchemaWalker.Child(path, key) : SchemaWalker.Key(path, key);
        if (child is null)
        {
            if (!SchemaWalker.PreservesUnknown(schema))
            {
                o.Remove(key);
                unknown.Add(SchemaWalker.Child(path, key));
            }

            return;
        }

        if (o[key] is null && !SchemaWalker.Nullable(child))
        {
            o.Remove(key);
            return;
        }

        Walk(o[key], child, childPath, unknown);
    }
}
