namespace Inspect.Kubernetes.TestServer.Auth;

/// <summary>An authenticated user, as TokenReview reports it.</summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The user of requests without a token.</summary>
    public static UserInfo Anonymous { get; } = new("system:anonymous", "", ["system:unauthenticated"]);
}
