using System.Net;
using System.Text;
using Inspect.Operator.Core.Translation;
using k8s;
using k8s.Autorest;
using Proto = Inspect.Agent.Protocol.V1;

namespace Inspect.Operator.Kubernetes;

/// <summary>
/// Reads the access key pair a Capture's S3 output names from its Secret (in the Capture's namespace). The operator
/// reads it and sends it to the agent over mutual TLS, rather than each agent reading it: then only the operator
/// needs <c>get</c> on Secrets, and only in the namespaces the chart grants (<c>storage.captureSecretNamespaces</c>),
/// while the DaemonSet on every node has no access to Secrets at all.
/// </summary>
public sealed class StorageSecretReader(IKubernetes client)
{
    public const string DefaultAccessKeyIdKey = "accessKeyId";
    public const string DefaultSecretAccessKeyKey = "secretAccessKey";

    /// <summary>The credentials for <paramref name="location"/>, or null when it names no Secret.</summary>
    /// <exception cref="InvalidOperationException">The Secret or one of its keys is missing, or it cannot be read.</exception>
    public async Task<Proto.S3Credentials?> ReadAsync(string captureNamespace, ArtifactLocation location, CancellationToken cancellationToken)
    {
        if (location is not S3Location { CredentialsSecretName: { Length: > 0 } name } s3)
        {
            return null;
        }

        var (accessKeyId, secretAccessKey) = await ReadKeyPairAsync(captureNamespace, name, s3.AccessKeyIdKey, s3.SecretAccessKeyKey, cancellationToken).ConfigureAwait(false);
        return new Proto.S3Credentials
        {
            AccessKeyId = accessKeyId,
            SecretAccessKey = secretAccessKey,
        };
    }

    /// <summary>The access key pair in Secret <paramref name="name"/> of <paramref name="captureNamespace"/>, under the
    /// given keys (the defaults when empty).</summary>
    /// <exception cref="InvalidOperationException">The Secret or one of its keys is missing, or it cannot be read.</exception>
    public async Task<(string AccessKeyId, string SecretAccessKey)> ReadKeyPairAsync(string captureNamespace, string name, string? accessKeyIdKey, string? secretAccessKeyKey, CancellationToken cancellationToken)
    {
        k8s.Models.V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(name, captureNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(e.Response.StatusCode == HttpStatusCode.NotFound
                ? $"the storage credentials Secret {captureNamespace}/{name} does not exist"
                : $"the operator may not read the Secret {captureNamespace}/{name}: add {captureNamespace} to the chart's storage.captureSecretNamespaces", e);
        }

        string Value(string? key, string fallback)
        {
            var k = string.IsNullOrEmpty(key) ? fallback : key;
            return secret.Data?.TryGetValue(k, out var bytes) == true && bytes.Length > 0
                ? Encoding.UTF8.GetString(bytes).Trim()
                : throw new InvalidOperationException($"the storage credentials Secret {captureNamespace}/{name} has no key '{k}'");
        }

        return (Value(accessKeyIdKey, DefaultAccessKeyIdKey), Value(secretAccessKeyKey, DefaultSecretAccessKeyKey));
    }
}
