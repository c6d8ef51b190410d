namespace Inspect.Operator.Tests.Unit;

/// <summary>The operator's webhook flags: the webhook is off unless asked for, HTTPS only, and never anonymous.</summary>
public sealed class OperatorOptionsWebhookTests
{
    private static readonly string[] Tls = ["--tls-ca=/ca.crt", "--tls-cert=/op.crt", "--tls-key=/op.key"];

    [Fact]
    public void The_webhook_is_off_by_default_and_with_an_empty_address()
    {
        Assert.Null(OperatorOptions.Parse(Tls, _ => null).WebhookBindAddress);
        Assert.Null(OperatorOptions.Parse([.. Tls, "--webhook-bind-address="], _ => null).WebhookBindAddress);
    }

    [Fact]
    public void The_webhook_flags_are_read_and_the_policy_namespace_defaults_to_the_pods()
    {
        var options = OperatorOptions.Parse(
            [.. Tls, "--webhook-bind-address=:9443", "--webhook-tls-cert=/w.crt", "--webhook-tls-key=/w.key", "--webhook-token-file=/tokens"],
            name => name == "POD_NAMESPACE" ? "inspect-system" : null);
        Assert.Equal(9443, options.WebhookBindAddress!.Port);
        Assert.Equal("/w.crt", options.WebhookTlsCert);
        Assert.Equal("/tokens", options.WebhookTokenFile);
        Assert.Null(options.WebhookClientCa);
        Assert.Equal("inspect-system", options.PolicyNamespace);
    }

    [Theory]
    [InlineData("--webhook-client-ca=/ca.crt", "--webhook-tls-cert and --webhook-tls-key")]
    [InlineData("--webhook-tls-cert=/w.crt --webhook-tls-key=/w.key", "never accepts anonymous alerts")]
    public void A_webhook_without_its_certificate_or_any_caller_credential_is_refused(string flags, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OperatorOptions.Parse([.. Tls, "--webhook-bind-address=:9443", .. flags.Split(' ')], _ => null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_documents_every_webhook_flag()
    {
        foreach (var flag in new[] { "--webhook-bind-address", "--webhook-tls-cert", "--webhook-tls-key", "--webhook-client-ca", "--webhook-token-file", "--policy-namespace" })
        {
            Assert.Contains(flag, OperatorOptions.Usage, StringComparison.Ordinal);
        }
    }
}
