using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Http;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Validation;

namespace Inspect.Kubernetes.TestServer.Handlers;

public sealed partial class ResourceService
{
    /// <summary>Creates an object: name (or generateName), namespace checks, admission, uid, creationTimestamp,
    /// generation 1, resourceVersion; 409 when the name is taken.</summary>
    public (JsonObject Object, IReadOnlyList<string> Warnings) Create(ResourceType type, string? ns, JsonObject body, RequestOptions options)
    {
        var obj = Json.Clone(body);
        CheckTypeMeta(type, obj);
        var metadata = ObjectMeta.Metadata(obj);
        if (ObjectMeta.Name(obj) is null && Json.Str(metadata, "generateName") is { } prefix)
        {
            metadata["name"] = ObjectMeta.Generate(prefix);
        }

        var name = ObjectMeta.Name(obj);
        if (type.Namespaced)
        {
            if (Json.Str(metadata, "namespace") is { } bodyNs && bodyNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
            if (Store.Get("namespaces", null, ns!) is null)
            {
                throw ApiException.NotFound("namespaces", "", "namespaces", ns!);
            }
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (type.StatusSubresource && type.Custom)
        {
            obj.Remove("status");
        }

        foreach (var key in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields" })
        {
            metadata.Remove(key);
        }

        var warnings = type.Custom ? admission.Admit(type, obj, null, options) : [];
        if (!type.Custom)
        {
            var errors = new List<FieldError>();
            ObjectMeta.ValidateName(name, errors);
            if (errors.Count > 0)
            {
                throw ApiException.Invalid(type.Kind, type.Group, name ?? "", errors);
            }
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Now();
        if (type.TracksGeneration)
        {
            metadata["generation"] = 1;
        }

        Builtins.OnCreate(type, obj);
        lock (Store.Gate)
        {
            if (Store.Get(type.Key, Scope(type, ns), name!) is not null)
            {
                throw ApiException.AlreadyExists(type.QualifiedName, type.Group, type.Plural, name!);
            }

            if (!options.DryRun)
            {
                obj = Store.Put(type.Key, obj, created: true, previous: null);
                Builtins.AfterWrite(this, type, obj);
            }
        }

        return (WithTypeMeta(type, obj), warnings);
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        if (Json.Str(obj, "kind") is { } kind && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind of the provided object ({kind}) does not match the resource ({type.Kind})");
        }

        if (Json.Str(obj, "apiVersion") is { } apiVersion && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }
}
