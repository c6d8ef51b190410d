using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Patching;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

public sealed partial class ResourceService
{
    /// <summary>Patches an object: JSON patch, JSON merge patch, strategic merge patch, or (simplified) server-side
    /// apply, which creates the object when it is missing. The result goes through <see cref="Update"/>, so a
    /// resourceVersion in the patch is a precondition.</summary>
    public (JsonObject Object, IReadOnlyList<string> Warnings, bool Created) Patch(
        ResourceType type, string? ns, string name, string contentType, string body, string? subresource, RequestOptions options)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        lock (Store.Gate)
        {
            var existing = Store.Get(type.Key, Scope(type, ns), name);
            if (existing is null)
            {
                if (mediaType == "application/apply-patch+yaml" && subresource is null)
                {
                    var applied = Yaml.YamlToJson.ParseObject(body);
                    ObjectMeta.Metadata(applied)["name"] = name;
                    var (created, warnings) = Create(type, ns, applied, options);
                    return (created, warnings, true);
                }

                throw NotFound(type, name);
            }

            var current = WithTypeMeta(type, Json.Clone(existing));
            var patched = mediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(current, JsonNode.Parse(body) as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array")),
                "application/merge-patch+json" => (JsonObject)JsonMergePatch.Apply(current, Json.ParseObject(body))!,
                "application/strategic-merge-patch+json" => (JsonObject)StrategicMergePatch.Apply(current, Json.ParseObject(body))!,
                "application/apply-patch+yaml" => (JsonObject)JsonMergePatch.Apply(current, Yaml.YamlToJson.ParseObject(body))!,
                _ => throw ApiException.UnsupportedMediaType(contentType),
            };
            var patchedRv = ObjectMeta.ResourceVersion(patched);
            if (!string.IsNullOrEmpty(patchedRv) && patchedRv != ObjectMeta.ResourceVersion(existing))
            {
                throw Conflict(type, name);
            }

            ObjectMeta.Metadata(patched)["resourceVersion"] = ObjectMeta.ResourceVersion(existing);
            var (result, updateWarnings) = Update(type, ns, name, patched, subresource, options);
            return (result, updateWarnings, false);
        }
    }
}
