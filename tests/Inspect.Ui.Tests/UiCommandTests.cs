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
    }
}
