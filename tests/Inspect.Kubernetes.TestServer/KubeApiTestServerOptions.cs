using Inspect.Kubernetes.TestServer.Cel;

namespace Inspect.Kubernetes.TestServer;

/// <summary>How the test server behaves.</summary>
public sealed class KubeApiTestServerOptions
{
    /// <summary>How often an idle watch with <c>allowWatchBookmarks</c> gets a BOOKMARK (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Changes kept for watches; older resourceVersions answer 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>Evaluates the CRDs' CEL rules; none are checked when null.</summary>
    public ICelEvaluator? Cel { get; init; }

    /// <summary>Serve HTTPS with a fresh self-signed certificate (the default; kubectl sends tokens only over TLS).</summary>
    public bool UseTls { get; init; } = true;

    /// <summary>Namespaces that exist from the start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}
