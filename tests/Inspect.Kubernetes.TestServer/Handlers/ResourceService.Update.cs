using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Validation;

namespace Inspect.Kubernetes.TestServer.Handlers;

public sealed partial class ResourceService
{
    /// <summary>Replaces an object (PUT). A stale metadata.resourceVersion is a 409 Conflict; custom resources must
    /// carry one. With a status subresource the main endpoint keeps the stored status and <c>/status</c> changes only
    /// status. Spec changes bump metadata.generation; an update that changes nothing writes nothing. Removing the last
    /// finalizer of an object being deleted deletes it.</summary>
    public (JsonObject Object, IReadOnlyList<string> Warnings) Update(
        ResourceType type, string? ns, string name, JsonObject body, string? subresource, RequestOptions options)
    {
        if (subresource is not (null or "status"))
        {
            throw ApiException.NotFound(type.QualifiedName + "/" + subresource, type.Group, type.Plural, name);
        }

        if (subresource == "status" && !type.StatusSubresource)
        {
            throw ApiException.NotFound(type.QualifiedName, type.Group, type.Plural, name);
        }

        lock (Store.Gate)
        {
            var existing = Store.Get(type.Key, Scope(type, ns), name) ?? throw NotFound(type, name);
            var requested = ObjectMeta.ResourceVersion(body);
            if (string.IsNullOrEmpty(requested) && !type.AllowUnconditionalUpdate)
            {
                throw ApiException.Invalid(type.Kind, type.Group, name,
                    [FieldError.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            }

            if (!string.IsNullOrEmpty(requested) && requested != ObjectMeta.ResourceVersion(existing))
            {
                throw Conflict(type, name);
            }

            if (ObjectMeta.Name(body) is { } bodyName && bodyName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            var updated = Merge(type, existing, Json.Clone(body), subresource);
            CheckTypeMeta(type, updated);
            CheckFinalizers(type, existing, updated);
            var warnings = type.Custom ? admission.Admit(type, updated, existing, options) : [];
            if (type.TracksGeneration && subresource is null &&
                !Json.Same(ObjectMeta.SpecPart(existing), ObjectMeta.SpecPart(updated)))
            {
                ObjectMeta.Metadata(updated)["generation"] = (Json.At(existing, "metadata", "generation") is { } g ? Json.Long(g) : 0) + 1;
            }

            if (options.DryRun || Json.Same(Comparable(existing), Comparable(updated)))
            {
                return (WithTypeMeta(type, options.DryRun ? updated : existing), warnings);
            }

            if (ObjectMeta.Deleting(updated) && ObjectMeta.Finalizers(updated).Count == 0)
            {
                var removed = Store.Remove(type.Key, Scope(type, ns), name, updated)!;
                Builtins.AfterDelete(this, type, removed);
                return (WithTypeMeta(type, removed), warnings);
            }

            updated = Store.Put(type.Key, updated, created: false, previous: existing);
            Builtins.AfterWrite(this, type, updated);
            return (WithTypeMeta(type, updated), warnings);
        }
    }

    /// <summary>The object to store: the body for the main endpoint (with the stored status kept when status is a
    /// subresource), or the stored object with the body's status for <c>/status</c>; server-owned metadata is kept.</summary>
    private static JsonObject Merge(ResourceType type, JsonObject existing, JsonObject body, string? subresource)
    {
        JsonObject updated;
        if (subresource == "status")
        {
            updated = Json.Clone(existing);
            if (body["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }
        }
        else
        {
            updated = body;
            if (type.StatusSubresource)
            {
                if (existing["status"] is { } status)
                {
                    updated["status"] = status.DeepClone();
                }
                else
                {
                    updated.Remove("status");
                }
            }
        }

        var metadata = ObjectMeta.Metadata(updated);
        var old = ObjectMeta.Metadata(existing);
        foreach (var key in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion" })
        {
            if (old[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
            else
            {
                metadata.Remove(key);
            }
        }

        metadata.Remove("managedFields");
        return updated;
    }

    private static void CheckFinalizers(ResourceType type, JsonObject existing, JsonObject updated)
    {
        if (!ObjectMeta.Deleting(existing))
        {
            return;
        }

        var before = ObjectMeta.Finalizers(existing);
        var added = ObjectMeta.Finalizers(updated).Where(f => !before.Contains(f)).ToList();
        if (added.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, type.Group, ObjectMeta.Name(existing) ?? "",
                [FieldError.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}")]);
        }
    }

    private static JsonObject Comparable(JsonObject obj)
    {
        var copy = Json.Clone(obj);
        ObjectMeta.Metadata(copy).Remove("resourceVersion");
        return copy;
    }
}
