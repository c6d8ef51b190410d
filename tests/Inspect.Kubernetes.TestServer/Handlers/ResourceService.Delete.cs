using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

public sealed partial class ResourceService
{
    /// <summary>Deletes an object. While finalizers remain it only gets a deletionTimestamp (once) and stays; the
    /// update that removes the last finalizer deletes it. Preconditions (uid, resourceVersion) give 409.</summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, JsonObject? options, RequestOptions request)
    {
        lock (Store.Gate)
        {
            var existing = Store.Get(type.Key, Scope(type, ns), name) ?? throw NotFound(type, name);
            if (Json.At(options, "preconditions") is JsonObject preconditions)
            {
                if (Json.Str(preconditions, "resourceVersion") is { } rv && rv != ObjectMeta.ResourceVersion(existing))
                {
                    throw Conflict(type, name);
                }

                if (Json.Str(preconditions, "uid") is { } uid && uid != Json.Str(existing, "metadata", "uid"))
                {
                    throw Conflict(type, name);
                }
            }

            if (request.DryRun)
            {
                return WithTypeMeta(type, existing);
            }

            if (ObjectMeta.Finalizers(existing).Count > 0)
            {
                if (ObjectMeta.Deleting(existing))
                {
                    return WithTypeMeta(type, existing);
                }

                var marked = Json.Clone(existing);
                var metadata = ObjectMeta.Metadata(marked);
                metadata["deletionTimestamp"] = ObjectMeta.Now();
                metadata["deletionGracePeriodSeconds"] = 0;
                marked = Store.Put(type.Key, marked, created: false, previous: existing);
                return WithTypeMeta(type, marked);
            }

            var removed = Store.Remove(type.Key, Scope(type, ns), name)!;
            Builtins.AfterDelete(this, type, removed);
            return WithTypeMeta(type, removed);
        }
    }

    /// <summary>Deletes every object matching the selectors (deletecollection); returns what was deleted or marked.</summary>
    public JsonObject DeleteCollection(ResourceType type, string? ns, string? labelSelector, string? fieldSelector, RequestOptions request)
    {
        var list = List(type, ns, labelSelector, fieldSelector);
        var deleted = new JsonArray();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            deleted.Add(Delete(type, Json.Str(item, "metadata", "namespace"), ObjectMeta.Name(item)!, null, request));
        }

        list["items"] = deleted;
        return list;
    }
}
