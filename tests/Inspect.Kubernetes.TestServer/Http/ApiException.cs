using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Http;

/// <summary>A failed request, answered as a meta/v1 <c>Status</c> with the code, reason and message the real API
/// server uses.</summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>StatusReason (NotFound, AlreadyExists, Conflict, Invalid, ...).</summary>
    public string Reason { get; } = reason;

    /// <summary>Status details (name, group, kind, causes).</summary>
    public JsonObject? Details { get; } = details;

    /// <summary>The Status object.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }

    private static JsonObject Named(string name, string group, string kind) => new()
    {
        ["name"] = name,
        ["group"] = group,
        ["kind"] = kind,
    };

    /// <summary>404: <c>captures.inspect.dev "x" not found</c>.</summary>
    public static ApiException NotFound(string qualifiedResource, string group, string plural, string name) =>
        new(404, "NotFound", $"{qualifiedResource} \"{name}\" not found", Named(name, group, plural));

    /// <summary>409: <c>captures.inspect.dev "x" already exists</c>.</summary>
    public static ApiException AlreadyExists(string qualifiedResource, string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{qualifiedResource} \"{name}\" already exists", Named(name, group, plural));

    /// <summary>409 on a stale resourceVersion.</summary>
    public static ApiException Conflict(string qualifiedResource, string group, string plural, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {qualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Named(name, group, plural));

    /// <summary>400.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>401.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>403 in the real server's words.</summary>
    public static ApiException Forbidden(string user, string verb, string plural, string group, string? ns, string? name)
    {
        var target = string.IsNullOrEmpty(group) ? plural : $"{plural}.{group}";
        var named = name is null ? "" : $" \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        return new(403, "Forbidden",
            $"{target}{named} is forbidden: User \"{user}\" cannot {verb} resource \"{plural}\" in API group \"{group}\" {scope}",
            Named(name ?? "", group, plural));
    }

    /// <summary>405.</summary>
    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    /// <summary>410 for a resourceVersion older than the retained history.</summary>
    public static ApiException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>415.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    /// <summary>422 with field causes: <c>Capture.inspect.dev "x" is invalid: spec.snaplen: Invalid value: ...</c>.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<Validation.FieldError> errors)
    {
        var qualified = string.IsNullOrEmpty(group) ? kind : $"{kind}.{group}";
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var details = Named(name, group, kind);
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type,
            ["message"] = e.Body,
            ["field"] = e.Field,
        })]);
        return new(422, "Invalid", $"{qualified} \"{name}\" is invalid: {list}", details);
    }
}
