using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Kubernetes.TestServer.Resources;

namespace Inspect.Kubernetes.TestServer.Handlers;

/// <summary>TokenReview, SubjectAccessReview and SelfSubjectAccessReview, answered from <see cref="AccessControl"/>
/// (what a test programmed), never stored.</summary>
public static class Reviews
{
    /// <summary>Fills in the review's status.</summary>
    public static JsonObject Answer(ResourceType type, JsonObject review, AccessControl access, UserInfo caller)
    {
        var result = (JsonObject)review.DeepClone();
        result["apiVersion"] = type.ApiVersion;
        result["kind"] = type.Kind;
        Json.Obj(result, "metadata")["creationTimestamp"] = null;
        result["status"] = type.Kind switch
        {
            "TokenReview" => TokenStatus(access.Authenticate(Json.Str(review, "spec", "token"))),
            "SelfSubjectAccessReview" => AccessStatus(review, access, caller),
            _ => AccessStatus(review, access, Subject(review, access)),
        };
        return result;
    }

    private static JsonObject TokenStatus(UserInfo? user) => user is null
        ? new JsonObject { ["authenticated"] = false, ["error"] = "invalid bearer token" }
        : new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = new JsonObject
            {
                ["username"] = user.Name,
                ["uid"] = user.Uid,
                ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]),
            },
        };

    private static UserInfo Subject(JsonObject review, AccessControl access)
    {
        var name = Json.Str(review, "spec", "user") ?? "";
        var groups = Json.At(review, "spec", "groups") is JsonArray a ? a.Select(g => g?.GetValue<string>() ?? "").ToList() : [];
        var known = access.FindUser(name);
        return new UserInfo(name, Json.Str(review, "spec", "uid") ?? known?.Uid ?? "", [.. groups.Union(known?.Groups ?? [])]);
    }

    private static JsonObject AccessStatus(JsonObject review, AccessControl access, UserInfo user)
    {
        var attributes = Json.At(review, "spec", "resourceAttributes") as JsonObject;
        if (attributes is null)
        {
            return new JsonObject { ["allowed"] = false, ["reason"] = "only resourceAttributes are supported by the test server" };
        }

        var resource = Json.Str(attributes, "resource") ?? "";
        if (Json.Str(attributes, "subresource") is { Length: > 0 } sub)
        {
            resource += "/" + sub;
        }

        var allowed = access.IsAllowed(user, Json.Str(attributes, "verb") ?? "", Json.Str(attributes, "group") ?? "", resource, Json.Str(attributes, "namespace") is { Length: > 0 } ns ? ns : null);
        return allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = "allowed by a rule the test programmed" }
            : new JsonObject { ["allowed"] = false };
    }
}
