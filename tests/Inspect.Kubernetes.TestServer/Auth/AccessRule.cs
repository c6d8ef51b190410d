namespace Inspect.Kubernetes.TestServer.Auth;

/// <summary>An RBAC-like grant: a user or group may use these verbs on these resources, in one namespace or
/// everywhere. "*" matches anything.</summary>
public sealed record AccessRule(string Subject, IReadOnlyList<string> Verbs, IReadOnlyList<string> Resources, string? Namespace = null, string Group = "*")
{
    /// <summary>True when the rule covers the request.</summary>
    public bool Allows(UserInfo user, string verb, string group, string resource, string? ns) =>
        (Subject == user.Name || user.Groups.Contains(Subject)) &&
        (Verbs.Contains("*") || Verbs.Contains(verb)) &&
        (Resources.Contains("*") || Resources.Contains(resource)) &&
        (Group == "*" || Group == group) &&
        (Namespace is null || Namespace == ns);
}
