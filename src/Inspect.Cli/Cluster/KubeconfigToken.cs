using k8s;

namespace Inspect.Cli.Cluster;

/// <summary>
/// The bearer token of the kubeconfig's user: the operator's UI checks it with TokenReview, so it must be a token the
/// API server accepts (a static token, or one from an exec or auth-provider plugin); client certificates cannot be
/// passed on.
/// </summary>
public static class KubeconfigToken
{
    /// <exception cref="InvalidOperationException">The user has no bearer token.</exception>
    public static async Task<string> ReadAsync(KubernetesClientConfiguration config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.IsNullOrEmpty(config.AccessToken))
        {
            return config.AccessToken;
        }

        if (config.TokenProvider is { } provider)
        {
            var header = await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(header.Parameter))
            {
                return header.Parameter;
            }
        }

        throw new InvalidOperationException(
            "the kubeconfig's user has no bearer token (client certificates cannot be passed on to the operator): use a user with a token, " +
            "e.g. one from `kubectl create token SERVICEACCOUNT`, or pass --token-file FILE");
    }
}
