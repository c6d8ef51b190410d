using Inspect.Agent.Protocol.V1;
using Inspect.Storage.S3;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// Which access key an S3 upload signs with. The operator reads a Capture's credentials Secret and sends the pair in
/// the request over mutual TLS, so agents are never granted access to Secrets; without one, the agent's own default
/// storage credentials from its environment (the chart's <c>storage.existingSecret</c>) are used.
/// </summary>
public static class S3CredentialSource
{
    /// <summary>The credentials for <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">None are available, or web identity is asked for.</exception>
    public static StorageCredentials Resolve(S3Output output, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        if (output.Credentials is { AccessKeyId.Length: > 0, SecretAccessKey.Length: > 0 } sent)
        {
            return new StorageCredentials(sent.AccessKeyId, sent.SecretAccessKey, sent.SessionToken);
        }

        if (output.UseWebIdentity)
        {
            throw new InvalidOperationException("S3 output with webIdentity: the agent does not exchange web-identity tokens yet; name a credentialsSecret instead");
        }

        if (!string.IsNullOrEmpty(output.CredentialsSecretName))
        {
            throw new InvalidOperationException($"the request names the credentials Secret {output.CredentialsSecretName} but carries no credentials: the operator could not read it");
        }

        var access = environment("INSPECT_STORAGE_ACCESS_KEY");
        var secret = environment("INSPECT_STORAGE_SECRET_KEY");
        if (!string.IsNullOrEmpty(access) && !string.IsNullOrEmpty(secret))
        {
            return new StorageCredentials(access, secret);
        }

        return StorageCredentials.FromEnvironment(environment)
            ?? throw new InvalidOperationException(
                "no storage credentials: the Capture names no credentialsSecret and the agent has none (INSPECT_STORAGE_ACCESS_KEY/INSPECT_STORAGE_SECRET_KEY or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
    }
}
