using k8s;
using k8s.Exceptions;

namespace Inspect.Cli.Cluster;

/// <summary>
/// Which cluster and namespace a cluster verb talks to, found the way kubectl finds them: <c>--kubeconfig</c>, else
/// the first existing file in <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>, else the pod's service
/// account when running in a cluster; <c>--context</c> picks a context, <c>-n</c> a namespace (else the context's,
/// else <c>default</c>).
/// </summary>
internal sealed class KubeContext
{
    public string? KubeconfigPath { get; set; }

    public string? ContextName { get; set; }

    public string? Namespace { get; set; }

    public bool AllNamespaces { get; set; }

    /// <summary>Takes <paramref name="arg"/> (and its value) when it is one of the connection options.</summary>
    public bool TryTake(string arg, Commands.ArgumentCursor cursor)
    {
        switch (arg)
        {
            case "--kubeconfig":
                KubeconfigPath = cursor.ValueOf(arg);
                return true;
            case "--context":
                ContextName = cursor.ValueOf(arg);
                return true;
            case "-n" or "--namespace":
                Namespace = cursor.ValueOf(arg);
                return true;
            case "-A" or "--all-namespaces":
                AllNamespaces = true;
                return true;
        }

        foreach (var option in (string[])["--kubeconfig", "--context", "--namespace"])
        {
            if (arg.StartsWith(option + "=", StringComparison.Ordinal))
            {
                return TryTake(option, new Commands.ArgumentCursor([arg[(option.Length + 1)..]]));
            }
        }

        return false;
    }

    /// <summary>The client configuration; a <see cref="ClusterException"/> says what is missing or wrong.</summary>
    public KubernetesClientConfiguration Configuration()
    {
        try
        {
            if (KubeconfigPath is not null)
            {
                if (!File.Exists(KubeconfigPath))
                {
                    throw new ClusterException($"kubeconfig {KubeconfigPath} does not exist");
                }

                return KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath, ContextName);
            }

            // The client library cannot merge several files the way kubectl does; the first one that exists is used.
            var fromEnvironment = (Environment.GetEnvironmentVariable("KUBECONFIG") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(File.Exists);
            if (fromEnvironment is not null)
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(fromEnvironment, ContextName);
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var defaultFile = Path.Join(home, ".kube", "config");
            if (home.Length > 0 && File.Exists(defaultFile))
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(defaultFile, ContextName);
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                if (ContextName is not null)
                {
                    throw new ClusterException($"--context {ContextName}: no kubeconfig was found, and in a pod there are no contexts");
                }

                return KubernetesClientConfiguration.InClusterConfig();
            }
        }
        catch (KubeConfigException e)
        {
            throw new ClusterException($"kubeconfig: {e.Message}");
        }

        throw new ClusterException(
            "no cluster configured: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a pod with a service account");
    }

    /// <summary>The namespace to work in: <c>-n</c>, else the context's, else <c>default</c>.</summary>
    public string NamespaceFor(KubernetesClientConfiguration configuration) =>
        Namespace ?? (string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace);
}
