using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>Legacy (unaggregated) discovery documents: /api, /apis, /apis/{group}, /api/v1 and
/// /apis/{group}/{version}, and /version. kubectl falls back to these when the response is not the aggregated
/// type.</summary>
public static class Discovery
{
    /// <summary>/version.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "30",
        ["gitVersion"] = "v1.30.0-inspect-testserver",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-04-17T00:00:00Z",
        ["goVersion"] = "go1.22.2",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>/api.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>/apis.</summary>
    public static JsonObject Groups(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. registry.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).Select(g => (JsonNode)Group(g.Key, g))]),
    };

    /// <summary>/apis/{group}, or null when the group is not served.</summary>
    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var types = registry.All.Where(t => t.Group == group).ToList();
        return types.Count == 0 ? null : Group(group, types);
    }

    /// <summary>/api/v1 or /apis/{group}/{version}, or null when nothing is served there.</summary>
    public static JsonObject? Resources(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var resource = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray([.. t.Verbs.Select(v => (JsonNode)v)]),
            };
            if (t.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray([.. t.ShortNames.Select(v => (JsonNode)v)]);
            }

            if (t.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray([.. t.Categories.Select(v => (JsonNode)v)]);
            }

            resources.Add(resource);
            if (t.StatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IEnumerable<ResourceType> types)
    {
        var versions = types.Select(t => t.Version).Distinct().Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToList();
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }
}
