using System.Collections.Concurrent;

namespace Inspect.Kubernetes.TestServer.Auth;

/// <summary>What a test programs: bearer tokens and their users, grants, and whether the server enforces them. The
/// TokenReview and SubjectAccessReview endpoints answer from the same data.</summary>
public sealed class AccessControl
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly List<AccessRule> _rules = [];

    /// <summary>Requests without a known bearer token get 401.</summary>
    public bool RequireAuthentication { get; set; }

    /// <summary>Requests the grants do not cover get 403 (members of <c>system:masters</c> may do anything).</summary>
    public bool EnforceAuthorization { get; set; }

    /// <summary>Adds a user with a bearer token.</summary>
    public UserInfo AddUser(string name, string token, params string[] groups)
    {
        var user = new UserInfo(name, Guid.NewGuid().ToString(), [.. groups, "system:authenticated"]);
        _tokens[token] = user;
        return user;
    }

    /// <summary>Adds a grant.</summary>
    public void Allow(AccessRule rule)
    {
        lock (_rules)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>The user a token belongs to, or null.</summary>
    public UserInfo? Authenticate(string? token) => token is not null && _tokens.TryGetValue(token, out var user) ? user : null;

    /// <summary>The user with this name, if one was added.</summary>
    public UserInfo? FindUser(string name) => _tokens.Values.FirstOrDefault(u => u.Name == name);

    /// <summary>True when the user may do this.</summary>
    public bool IsAllowed(UserInfo user, string verb, string group, string resource, string? ns)
    {
        if (user.Groups.Contains("system:masters"))
        {
            return true;
        }

        // system:basic-user: every authenticated user may ask what it may do.
        if (verb == "create" && group == "authorization.k8s.io" && resource is "selfsubjectaccessreviews" or "selfsubjectrulesreviews" &&
            user.Groups.Contains("system:authenticated"))
        {
            return true;
        }

        lock (_rules)
        {
            return _rules.Any(r => r.Allows(user, verb, group, resource, ns));
        }
    }
}
