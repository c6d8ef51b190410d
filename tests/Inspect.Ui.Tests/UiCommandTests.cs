namespace Inspect.Ui.Tests;

/// <summary>The <c>inspect ui</c> verb's refusals: each names what is wrong before anything is served.</summary>
public sealed class UiCommandTests
{
    [Fact]
    public void A_missing_path_is_refused_naming_it()
    {
        var error = Cli.Failure("ui", "/nonexistent/captures", "--listen", "127.0.0.1:0");
        Assert.Contains("/nonexistent/captures", error, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1:http")]
    [InlineData("example.org:8080")]
    [InlineData("127.0.0.1:70000")]
    public void A_bad_listen_address_is_refused_naming_it(string listen)
    {
        var error = Cli.Failure("ui", ".", "--listen", listen);
        Assert.Contains($"--listen '{listen}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_verb()
    {
        var help = Cli.Run("ui", "--help");
        Assert.Contains("--listen HOST:PORT", help, StringComparison.Ordinal);
        Assert.Contains("--key FILE", help, StringComparison.Ordinal);
        Assert.Contains("--cluster", help, StringComparison.Ordinal);
        Assert.Contains("kubectl inspect ui", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ui --cluster some.scap", "--cluster opens the operator's Captures, not FILE")]
    [InlineData("ui . --kubeconfig /k", "go with --cluster")]
    [InlineData("ui --cluster --kubeconfig /nonexistent/kubeconfig", "/nonexistent/kubeconfig")]
    public void Cluster_options_out_of_place_or_a_missing_kubeconfig_are_refused(string args, string message)
    {
        var error = Cli.Failure(args.Split(' '));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_user_without_credentials_is_refused_before_anything_is_forwarded()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"inspect-ui-kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:1"}
            users:
            - name: u
              user: {}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);
        try
        {
            var error = Cli.Failure("ui", "--cluster", "--kubeconfig", kubeconfig, "--no-browser");
            Assert.Contains("the kubeconfig cannot be used", error, StringComparison.Ordinal);
            Assert.Contains("does not have appropriate auth credentials", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
