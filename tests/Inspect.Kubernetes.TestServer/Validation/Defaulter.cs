using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Validation;

/// <summary>Fills in schema defaults for absent fields, as the API server does on every write and read.</summary>
internal static class Defaulter
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject o:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, childSchema) in properties)
                    {
                        if (childSchema is JsonObject cs && !o.ContainsKey(name) && cs["default"] is { } d)
                        {
                            o[name] = d.DeepClone();
                        }
                    }
                }

                foreach (var (name, child) in o.ToList())
                {
                    if (name != "metadata" && SchemaWalker.Property(schema, name) is { } childSchema)
                    {
                        Apply(child, childSchema);
                    }
                }

                break;
            case JsonArray a when SchemaWalker.Items(schema) is { } items:
                foreach (var item in a)
                {
                    Apply(item, items);
                }

                break;
        }
    }
}
