using System.Reflection;
using System.Text.Json.Nodes;
using Inspect.Crds.Validation;
using k8s.Models;

namespace Inspect.Crds.Generator;

/// <summary>Builds an apiextensions.k8s.io/v1 CustomResourceDefinition for a root type (one carrying
/// <see cref="KubernetesEntityAttribute"/> and <see cref="ResourceAttribute"/>).</summary>
public sealed class CrdBuilder(XmlDocumentation docs)
{
    private readonly SchemaBuilder _schemas = new(docs);

    /// <summary>The CRD, as a JSON object in the order kubectl and controller-gen print it.</summary>
    public JsonObject Build(Type root)
    {
        var entity = root.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{root} has no [KubernetesEntity]", nameof(root));
        var resource = root.GetCustomAttribute<ResourceAttribute>()
            ?? throw new ArgumentException($"{root} has no [Resource]", nameof(root));

        var names = new JsonObject
        {
            ["categories"] = Strings(resource.Categories),
            ["kind"] = entity.Kind,
            ["listKind"] = entity.Kind + "List",
            ["plural"] = resource.Plural,
            ["shortNames"] = Strings(resource.ShortNames),
            ["singular"] = entity.Kind.ToLowerInvariant(),
        };
        if (resource.Categories.Length == 0)
        {
            names.Remove("categories");
        }

        if (resource.ShortNames.Length == 0)
        {
            names.Remove("shortNames");
        }

        var version = new JsonObject();
        var columns = root.GetCustomAttributes<PrinterColumnAttribute>().OrderBy(c => c.Order).ToList();
        if (columns.Count > 0)
        {
            version["additionalPrinterColumns"] = new JsonArray([.. columns.Select(Column)]);
        }

        version["name"] = entity.ApiVersion;
        version["schema"] = new JsonObject { ["openAPIV3Schema"] = RootSchema(root) };
        version["served"] = true;
        version["storage"] = true;
        if (SchemaBuilder.Properties(root).Any(p => SchemaBuilder.JsonName(p) == "status"))
        {
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
        }

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{resource.Plural}.{entity.Group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = entity.Group,
                ["names"] = names,
                ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    private JsonObject RootSchema(Type root)
    {
        var schema = _schemas.ForType(root);
        var properties = (JsonObject)schema["properties"]!;
        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject { ["type"] = "object" };
        return schema;
    }

    private static JsonNode Column(PrinterColumnAttribute column)
    {
        var node = new JsonObject();
        if (column.Description is not null)
        {
            node["description"] = column.Description;
        }

        node["jsonPath"] = column.JsonPath;
        node["name"] = column.Name;
        if (column.Priority != 0)
        {
            node["priority"] = column.Priority;
        }

        node["type"] = column.Type;
        return node;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
