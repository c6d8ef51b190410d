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

    [Theory]
    [InlineData(null, 64L << 20)]
    [InlineData("16Mi", 16L << 20)]
    [InlineData("2Gi", 2L << 30)]
    [InlineData("8388608", 8L << 20)]
    public void The_flight_recorder_ring_size_defaults_to_64Mi_and_takes_binary_units(string? value, long expected)
    {
        var options = OperatorOptions.Parse(value is null ? Tls : [.. Tls, "--flight-recorder-max-bytes=" + value], _ => null);
        Assert.Equal(expected, options.FlightRecorderMaxBytes);
    }

    [Theory]
    [InlineData("512Ki")]
    [InlineData("5Gi")]
    [InlineData("lots")]
    [InlineData("-1")]
    public void A_ring_size_outside_1Mi_to_4Gi_is_refused_naming_the_flag(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => OperatorOptions.Parse([.. Tls, "--flight-recorder-max-bytes=" + value], _ => null));
        Assert.Contains($"--flight-recorder-max-bytes: '{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_documents_every_webhook_flag()
    {
        foreach (var flag in new[] { "--webhook-bind-address", "--webhook-tls-cert", "--webhook-tls-key", "--webhook-client-ca", "--webhook-token-file", "--policy-namespace", "--flight-recorder-max-bytes" })
        {
            Assert.Contains(flag, OperatorOptions.Usage, StringComparison.Ordinal);
        }
    }
}
