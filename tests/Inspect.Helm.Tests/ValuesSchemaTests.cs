namespace Inspect.Helm.Tests;

/// <summary>values.schema.json refuses bad values before anything renders.</summary>
public sealed class ValuesSchemaTests
{
    [Theory]
    [InlineData("agent.snaplen=70000", "agent.snaplen: Must be less than or equal to 65000")]
    [InlineData("agent.snaplen=-1", "agent.snaplen: Must be greater than or equal to 0")]
    [InlineData("surprise=1", "Additional property surprise is not allowed")]
    [InlineData("agent.unknown=1", "Additional property unknown is not allowed")]
    [InlineData("agent.privileged=yes", "agent.privileged: Invalid type. Expected: boolean, given: string")]
    [InlineData("operator.replicas=two", "operator.replicas: Invalid type. Expected: integer, given: string")]
    [InlineData("agent.grpc.port=70000", "agent.grpc.port: Must be less than or equal to 65535")]
    [InlineData("agent.spool.hostPath=relative/dir", "agent.spool.hostPath: Does not match pattern")]
    [InlineData("storage.captureSecretNamespaces={Team_A}", "storage.captureSecretNamespaces.0: Does not match pattern")]
    [InlineData("operator.nodeOutputBasePath=/var/../etc", "operator.nodeOutputBasePath: Must not validate the schema (not)")]
    [InlineData("tls.generate=false", "tls.existingSecret: String length must be greater than or equal to 1")]
    public void BadValuesAreRefusedWithTheSchemaMessage(string set, string message)
    {
        var result = Helm.TemplateRaw(set);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundaryValuesAreAccepted()
    {
        Helm.Template("agent.snaplen=65000");
        Helm.Template("agent.snaplen=0");
    }

    [Theory]
    [InlineData("operator.webhook.clientCaSecret=falco-ca", "operator.webhook.tlsSecret: String length must be greater than or equal to 1")]
    [InlineData("operator.webhook.tlsSecret=webhook-tls", "operator.webhook: Must validate at least one schema (anyOf)")]
    public void AnEnabledWebhookNeedsItsCertificateAndACallerCredential(string set, string message)
    {
        var result = Helm.TemplateRaw("operator.webhook.enabled=true", set);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnabledUiNeedsItsCertificate()
    {
        var result = Helm.TemplateRaw("operator.ui.enabled=true");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("operator.ui.tlsSecret: String length must be greater than or equal to 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InconsistentStorageIsRefused()
    {
        var result = Helm.TemplateRaw("storage.existingSecret=s3-creds");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("storage.endpoint is required", result.Stderr, StringComparison.Ordinal);
    }
}
