using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Selectors;
using Inspect.Kubernetes.TestServer.Storage;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>The semantics of the resource verbs over the store (the apiserver's generic registry): get and list
/// here, create/update/patch/delete in the partial files beside this one.</summary>
public sealed partial class ResourceService(ObjectStore store, ResourceRegistry registry, CustomResourceAdmission admission)
{
    /// <summary>The store.</summary>
    public ObjectStore Store { get; } = store;

    /// <summary>The served types.</summary>
    public ResourceRegistry Registry { get; } = registry;

    /// <summary>One object; 404 when absent.</summary>
    public JsonObject Get(ResourceType type, string? ns, string name) =>
        WithTypeMeta(type, Store.Get(type.Key, Scope(type, ns), name) ?? throw NotFound(type, name));

    /// <summary>The objects of a resource matching the selectors, as a <c>KindList</c>.</summary>
    public JsonObject List(ResourceType type, string? ns, string? labelSelector, string? fieldSelector)
    {
        var labels = LabelSelectorQuery.Parse(labelSelector);
        var fields = FieldSelectorQuery.Parse(fieldSelector, type);
        var (items, rv) = Store.List(type.Key, Scope(type, ns));
        return new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.Kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items.Where(i => labels.Matches(i) && fields.Matches(i)).Select(i => (JsonNode)WithTypeMeta(type, i))]),
        };
    }

    /// <summary>The filter a list or watch with these selectors applies.</summary>
    public static Func<JsonObject, bool> Filter(ResourceType type, string? labelSelector, string? fieldSelector)
    {
        var labels = LabelSelectorQuery.Parse(labelSelector);
        var fields = FieldSelectorQuery.Parse(fieldSelector, type);
        return o => labels.Matches(o) && fields.Matches(o);
    }

    /// <summary>Sets apiVersion and kind, as the server does on every object it returns.</summary>
    public static JsonObject WithTypeMeta(ResourceType type, JsonObject obj)
    {
        var result = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in obj.ToList())
        {
            if (key is not ("apiVersion" or "kind"))
            {
                obj.Remove(key);
                result[key] = value;
            }
        }

        return result;
    }

    private static string? Scope(ResourceType type, string? ns) => type.Namespaced ? ns : null;

    private static ApiException NotFound(ResourceType type, string name) => ApiException.NotFound(type.QualifiedName, type.Group, type.Plural, name);

    private static ApiException Conflict(ResourceType type, string name) => ApiException.Conflict(type.QualifiedName, type.Group, type.Plural, name);
}
