using System.Text;
using System.Text.Json.Nodes;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Kubernetes.TestServer.Handlers;
using Inspect.Kubernetes.TestServer.Resources;
using Inspect.Kubernetes.TestServer.Tables;
using Microsoft.AspNetCore.Http;

namespace Inspect.Kubernetes.TestServer.Http;

/// <summary>Turns HTTP requests into API calls: authentication, discovery, OpenAPI, then the resource verbs with
/// authorization, and every failure as a Status.</summary>
public sealed class ApiRouter(ResourceService service, AccessControl access, WatchStream watch, Func<string> serverAddress, CancellationToken stopping)
{
    /// <summary>Every request made, as "VERB path?query" (what the tests assert about clients).</summary>
    public List<string> RequestLog { get; } = [];

    /// <summary>Unexpected exceptions (answered with 500); tests assert there are none.</summary>
    public List<Exception> InternalErrors { get; } = [];

    /// <summary>Handles one request.</summary>
    public async Task Handle(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        lock (RequestLog)
        {
            RequestLog.Add($"{context.Request.Method} {path}{context.Request.QueryString}");
        }

        try
        {
            var user = Authenticate(context);
            await Route(context, path, user);
        }
        catch (ApiException e)
        {
            await Send(context, e.Code, e.ToStatus());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (InternalErrors)
            {
                InternalErrors.Add(e);
            }

            await Send(context, 500, new ApiException(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}").ToStatus());
        }
    }

    private UserInfo Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var user = access.Authenticate(token);
        if (user is null && (token is not null || access.RequireAuthentication) && !IsHealth(context.Request.Path))
        {
            throw ApiException.Unauthorized();
        }

        return user ?? UserInfo.Anonymous;
    }

    private static bool IsHealth(PathString path) => path.Value is "/healthz" or "/readyz" or "/livez";

    private async Task Route(HttpContext context, string path, UserInfo user)
    {
        var registry = service.Registry;
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? document = parts switch
        {
            ["healthz" or "readyz" or "livez"] => null,
            ["version"] => Discovery.Version(),
            ["api"] => Discovery.CoreVersions(serverAddress()),
            ["apis"] => Discovery.Groups(registry),
            ["apis", var g] => Discovery.Group(registry, g) ?? throw NotFoundPath(path),
            ["api", var v] => Discovery.Resources(registry, "", v) ?? throw NotFoundPath(path),
            ["apis", var g, var v] => Discovery.Resources(registry, g, v) ?? throw NotFoundPath(path),
            ["openapi", "v3"] => OpenApi.Root(registry),
            ["openapi", "v3", "api", var v] => OpenApi.Document(registry, "", v) ?? throw NotFoundPath(path),
            ["openapi", "v3", "apis", var g, var v] => OpenApi.Document(registry, g, v) ?? throw NotFoundPath(path),
            _ => null,
        };
        if (parts is ["healthz" or "readyz" or "livez"])
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok");
            return;
        }

        if (document is not null)
        {
            await Send(context, 200, document);
            return;
        }

        var info = RequestInfo.Parse(path) ?? throw NotFoundPath(path);
        var type = registry.Find(info.Group, info.Version, info.Plural) ?? throw NotFoundPath(path);
        await Resource(context, info, type, user);
    }

    private async Task Resource(HttpContext context, RequestInfo info, ResourceType type, UserInfo user)
    {
        var method = context.Request.Method;
        var query = context.Request.Query;
        var isWatch = query["watch"].ToString() is "1" or "true";
        var verb = (method, info.Name) switch
        {
            ("GET", null) => isWatch ? "watch" : "list",
            ("GET", _) => "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", null) => "deletecollection",
            ("DELETE", _) => "delete",
            _ => throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
        var authorizedResource = info.Subresource is null ? type.Plural : $"{type.Plural}/{info.Subresource}";
        if (access.EnforceAuthorization && !access.IsAllowed(user, verb, type.Group, authorizedResource, info.Namespace))
        {
            throw ApiException.Forbidden(user.Name, verb, authorizedResource, type.Group, info.Namespace, info.Name);
        }

        if (type.Namespaced && info.Namespace is null && verb is not ("list" or "watch"))
        {
            throw NotFoundPath(context.Request.Path.Value ?? "");
        }

        var options = RequestOptions.From(query);
        var accept = context.Request.Headers.Accept.ToString();
        switch (verb)
        {
            case "watch":
                await watch.Serve(context, type, info.Namespace, stopping);
                return;
            case "list":
                var list = service.List(type, info.Namespace, query["labelSelector"], query["fieldSelector"]);
                await Send(context, 200, TableConverter.Wanted(accept)
                    ? TableConverter.Convert(type, (list["items"] as JsonArray ?? []).OfType<JsonObject>(), Json.Str(list, "metadata", "resourceVersion"), query["includeObject"])
                    : list);
                return;
            case "get":
                var obj = service.Get(type, info.Namespace, info.Name!);
                await Send(context, 200, TableConverter.Wanted(accept) && info.Subresource is null
                    ? TableConverter.Convert(type, [obj], ObjectMeta.ResourceVersion(obj), query["includeObject"])
                    : obj);
                return;
            case "create":
                var body = Json.ParseObject(await Body(context));
                if (type.CreateOnly)
                {
                    await Send(context, 201, Reviews.Answer(type, body, access, user));
                    return;
                }

                var (created, warnings) = service.Create(type, info.Namespace, body, options);
                await Send(context, 201, created, warnings);
                return;
            case "update":
                var (updated, updateWarnings) = service.Update(type, info.Namespace, info.Name!, Json.ParseObject(await Body(context)), info.Subresource, options);
                await Send(context, 200, updated, updateWarnings);
                return;
            case "patch":
                var (patched, patchWarnings, wasCreated) = service.Patch(type, info.Namespace, info.Name!, context.Request.ContentType ?? "", await Body(context), info.Subresource, options);
                await Send(context, wasCreated ? 201 : 200, patched, patchWarnings);
                return;
            case "delete":
                var text = await Body(context);
                var deleted = service.Delete(type, info.Namespace, info.Name!, text.Length > 0 ? Json.ParseObject(text) : null, options);
                await Send(context, 200, deleted);
                return;
            default:
                await Send(context, 200, service.DeleteCollection(type, info.Namespace, query["labelSelector"], query["fieldSelector"], options));
                return;
        }
    }

    private static ApiException NotFoundPath(string path) => new(404, "NotFound", "the server could not find the requested resource", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = $"404 page not found: {path}" }) });

    private static async Task<string> Body(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        try
        {
            return await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (IOException e)
        {
            // A client that resets its request mid-body (an operator shutting down) is gone, not a server fault:
            // the real API server drops such a request without an answer, and so does this one.
            throw new OperationCanceledException("the client reset the request stream", e);
        }
    }

    private static async Task Send(HttpContext context, int code, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await context.Response.WriteAsync(body.ToJsonString(Json.Relaxed));
    }
}
