using Inspect.Agent.Tests.Support;
using Inspect.Cli;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary><c>inspect record</c> refuses bad command lines and explains why it cannot record.</summary>
public sealed class RecordCommandErrorTests
{
    [Theory]
    [InlineData("record")]
    [InlineData("record -o x.scap --pid 1 --cgroup /")]
    [InlineData("record -o x.scap --pid 1 -- /bin/true")]
    [InlineData("record -o x.scap --duration soon")]
    [InlineData("record -o x.scap --snaplen 70000")]
    [InlineData("record -o x.scap --cgroup /no/such/cgroup/anywhere")]
    [InlineData("record -o x.scap --")]
    [InlineData("record -o x.scap --bogus")]
    [InlineData("record -o x.scap --no-redact --redact-rules rules.yaml")]
    [InlineData("record -o x.scap --redact-rules /no/such/rules.yaml")]
    public void Bad_command_lines_are_usage_errors(string commandLine)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CommandLine.Run(commandLine.Split(' '), stdout, stderr);

        Assert.Equal(CommandLine.ExitUsage, exit);
        Assert.StartsWith("inspect: ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_targets_and_limits()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(CommandLine.ExitOk, CommandLine.Run(["record", "--help"], stdout, stderr));
        Assert.Contains("--max-bytes", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("-- COMMAND", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("--no-redact", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("--redact-rules FILE", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_root_the_error_says_root_is_needed()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        if (!File.Exists("/usr/sbin/runuser"))
        {
            Assert.Skip("runuser is missing: cannot drop to an unprivileged user to check the error");
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "/usr/bin/dotnet";
        var output = Path.Join(Path.GetTempPath(), $"inspect-nobody-{Guid.NewGuid():N}.scap");
        var result = ExternalProcess.Run(
            "/usr/sbin/runuser",
            ["-u", "nobody", "--", "/usr/bin/env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", dotnet, Path.Join(AppContext.BaseDirectory, "inspect.dll"), "record", "-o", output]);

        Assert.Equal(CommandLine.ExitFailure, result.ExitCode);
        Assert.Contains("inspect: cannot record: loading the eBPF probe needs root", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
