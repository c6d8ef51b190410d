namespace Inspect.Kubernetes.TestServer.Http;

/// <summary>A resource request, parsed from its path as the API server's RequestInfoFactory does:
/// <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or <c>/api/v1/...</c>.</summary>
public sealed record RequestInfo(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Parses a resource path; null when the path is not one (discovery, OpenAPI, other).</summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        string[] rest;
        if (parts is ["api", var v, .. var r1] && r1.Length > 0)
        {
            (group, version, rest) = ("", v, r1);
        }
        else if (parts is ["apis", var g, var v2, .. var r2] && r2.Length > 0)
        {
            (group, version, rest) = (g, v2, r2);
        }
        else
        {
            return null;
        }

        // namespaces/{name}/status and /finalize are the namespace's own subresources.
        if (rest is ["namespaces", var nsName, "status" or "finalize"] && group.Length == 0)
        {
            return new RequestInfo(group, version, null, "namespaces", nsName, rest[2]);
        }

        if (rest is ["namespaces", var ns, var plural, .. var tail])
        {
            return new RequestInfo(group, version, ns, plural, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1));
        }

        return new RequestInfo(group, version, null, rest[0], rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2));
    }
}
