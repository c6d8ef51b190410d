using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>OpenAPI v3 as kubectl reads it: /openapi/v3 lists one document per group/version; each document has the
/// paths (PATCH operations carry x-kubernetes-group-version-kind and the <c>fieldValidation</c> parameter, so kubectl
/// leaves field validation to the server) and, for custom resources, the schema (for <c>kubectl explain</c>).</summary>
public static class OpenApi
{
    /// <summary>/openapi/v3.</summary>
    public static JsonObject Root(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in registry.GroupVersions())
        {
            var key = Key(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(Document(registry, group, version)!)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>/openapi/v3/api/v1 or /openapi/v3/apis/{group}/{version}, or null.</summary>
    public static JsonObject? Document(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var prefix = "/" + Key(group, version) + (t.Namespaced ? "/namespaces/{namespace}/" : "/") + t.Plural;
            var schemaName = $"{(group.Length == 0 ? "io.k8s.api.core" : string.Join('.', group.Split('.').Reverse()))}.{version}.{t.Kind}";
            var gvk = new JsonObject { ["group"] = group, ["kind"] = t.Kind, ["version"] = version };
            paths[prefix] = new JsonObject { ["get"] = Operation("list", gvk, schemaName, false), ["post"] = Operation("create", gvk, schemaName, false) };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("read", gvk, schemaName, false),
                ["put"] = Operation("replace", gvk, schemaName, false),
                ["patch"] = Operation("patch", gvk, schemaName, true),
                ["delete"] = Operation("delete", gvk, schemaName, false),
            };
            var schema = t.Schema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.30.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>A content hash, for the serverRelativeURL's cache key.</summary>
    public static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];

    private static string Key(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static JsonObject Operation(string action, JsonObject gvk, string schemaName, bool patch)
    {
        var parameters = new JsonArray(
            Parameter("dryRun"),
            Parameter("fieldManager"),
            Parameter("fieldValidation"));
        if (patch)
        {
            parameters.Add(Parameter("force"));
        }

        var operation = new JsonObject
        {
            ["operationId"] = action + gvk["kind"],
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + schemaName } } },
                },
            },
            ["x-kubernetes-action"] = action == "read" ? "get" : action == "replace" ? "put" : action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (patch)
        {
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["application/json-patch+json"] = new JsonObject(),
                    ["application/merge-patch+json"] = new JsonObject(),
                    ["application/apply-patch+yaml"] = new JsonObject(),
                },
            };
        }

        return operation;
    }

    private static JsonObject Parameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
