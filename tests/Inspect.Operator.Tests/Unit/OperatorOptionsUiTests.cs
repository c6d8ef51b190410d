namespace Inspect.Operator.Tests.Unit;

/// <summary>The operator's UI flags: the UI is off unless asked for, HTTPS only, with a bounded artifact cache.</summary>
public sealed class OperatorOptionsUiTests
{
    private static readonly string[] Tls = ["--tls-ca=/ca.crt", "--tls-cert=/op.crt", "--tls-key=/op.key"];

    [Fact]
    public void The_ui_is_off_by_default_and_with_an_empty_address()
    {
        Assert.Null(OperatorOptions.Parse(Tls, _ => null).UiBindAddress);
        Assert.Null(OperatorOptions.Parse([.. Tls, "--ui-bind-address="], _ => null).UiBindAddress);
    }

    [Fact]
    public void The_ui_flags_are_read()
    {
        var options = OperatorOptions.Parse(
            [.. Tls, "--ui-bind-address=:8443", "--ui-tls-cert=/u.crt", "--ui-tls-key=/u.key", "--ui-cache-dir=/cache", "--ui-cache-mib=512"], _ => null);
        Assert.Equal(8443, options.UiBindAddress!.Port);
        Assert.Equal("/u.crt", options.UiTlsCert);
        Assert.Equal("/u.key", options.UiTlsKey);
        Assert.Equal("/cache", options.UiCacheDirectory);
        Assert.Equal(512, options.UiCacheMiB);
    }

    [Theory]
    [InlineData("--ui-bind-address=:8443", "--ui-tls-cert and --ui-tls-key")]
    [InlineData("--ui-cache-dir=cache", "not an absolute path")]
    [InlineData("--ui-cache-mib=0", "--ui-cache-mib: '0' is not an integer")]
    public void Bad_ui_flags_are_refused_with_the_reason(string flag, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OperatorOptions.Parse([.. Tls, flag], _ => null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_documents_every_ui_flag()
    {
        foreach (var flag in new[] { "--ui-bind-address", "--ui-tls-cert", "--ui-tls-key", "--ui-cache-dir", "--ui-cache-mib" })
        {
            Assert.Contains(flag, OperatorOptions.Usage, StringComparison.Ordinal);
        }
    }
}
