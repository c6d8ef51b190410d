using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Tables;

/// <summary>Server-side printing (meta.k8s.io/v1 Table), which is how <c>kubectl get</c> shows a CRD's
/// additionalPrinterColumns: Name first, then the columns, with date columns turned into ages.</summary>
public static class TableConverter
{
    /// <summary>True when the Accept header asks for a Table.</summary>
    public static bool Wanted(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    /// <summary>A Table of the objects.</summary>
    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> objects, string? resourceVersion, string? includeObject)
    {
        var columns = Columns(type);
        var definitions = new JsonArray(Definition("Name", "string", "name", "Name must be unique within a namespace.", 0));
        foreach (var c in columns)
        {
            definitions.Add(Definition(Json.Str(c, "name")!, Json.Str(c, "type")!, "", Json.Str(c, "description") ?? "", c["priority"] is { } p ? Json.Int(p) : 0));
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(JsonValue.Create(Json.Str(obj, "metadata", "name")));
            foreach (var c in columns)
            {
                cells.Add(Cell(obj, Json.Str(c, "jsonPath")!, Json.Str(c, "type")!));
            }

            var row = new JsonObject { ["cells"] = cells };
            if (includeObject != "None")
            {
                row["object"] = includeObject == "Object" ? obj.DeepClone() : new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static List<JsonObject> Columns(ResourceType type) =>
        type.PrinterColumns is { Count: > 0 } custom
            ? [.. custom.OfType<JsonObject>()]
            : [new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp", ["description"] = "CreationTimestamp is a timestamp representing the server time when this object was created." }];

    private static JsonNode? Cell(JsonObject obj, string path, string type)
    {
        var values = SimpleJsonPath.Evaluate(obj, path);
        if (values.Count == 0)
        {
            return null;
        }

        var value = values[0];
        if (type == "date" && value is JsonValue v && v.GetValueKind() == JsonValueKind.String &&
            DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return HumanDuration.Format(DateTimeOffset.UtcNow - time);
        }

        if (values.Count > 1)
        {
            return string.Join(",", values.Select(x => Json.Str(x) ?? x.ToJsonString()));
        }

        return value.DeepClone();
    }

    private static JsonObject Definition(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
