using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>What built-in controllers would do at once: namespaces are Active; a CustomResourceDefinition is
/// Established and served as soon as it is stored, and its objects go with it; a deleted namespace takes its objects
/// along (simplified: no Terminating phase).</summary>
internal static class Builtins
{
    public static void OnCreate(ResourceType type, JsonObject obj)
    {
        if (type.Group == "" && type.Plural == "namespaces")
        {
            Json.Obj(obj, "status")["phase"] = "Active";
        }
        else if (IsCrd(type))
        {
            var now = ObjectMeta.Now();
            obj["status"] = new JsonObject
            {
                ["acceptedNames"] = Json.At(obj, "spec", "names")?.DeepClone(),
                ["conditions"] = new JsonArray(
                    Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                    Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
                ["storedVersions"] = new JsonArray([.. (Json.At(obj, "spec", "versions") as JsonArray ?? [])
                    .Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)Json.Str(v, "name"))]),
            };
        }
    }

    public static void AfterWrite(ResourceService service, ResourceType type, JsonObject obj)
    {
        if (IsCrd(type))
        {
            service.Registry.Register(obj);
        }
    }

    public static void AfterDelete(ResourceService service, ResourceType type, JsonObject obj)
    {
        if (IsCrd(type))
        {
            var group = Json.Str(obj, "spec", "group")!;
            var plural = Json.Str(obj, "spec", "names", "plural")!;
            var key = $"{plural}.{group}";
            foreach (var item in service.Store.List(key, null).Items)
            {
                service.Store.Remove(key, Json.Str(item, "metadata", "namespace"), ObjectMeta.Name(item)!);
            }

            service.Registry.Unregister(group, plural);
        }
        else if (type.Group == "" && type.Plural == "namespaces")
        {
            var ns = ObjectMeta.Name(obj)!;
            foreach (var t in service.Registry.All.Where(t => t.Namespaced).DistinctBy(t => t.Key))
            {
                foreach (var item in service.Store.List(t.Key, ns).Items)
                {
                    service.Store.Remove(t.Key, ns, ObjectMeta.Name(item)!);
                }
            }
        }
    }

    private static bool IsCrd(ResourceType type) => type.Group == "apiextensions.k8s.io" && type.Plural == "customresourcedefinitions";

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
