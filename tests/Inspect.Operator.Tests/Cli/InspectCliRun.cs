using Inspect.Cli;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.Cli;

/// <summary>Runs the <c>inspect</c> command line in-process (on a pool thread, as its cluster verbs block), capturing
/// what it prints.</summary>
internal static class InspectCliRun
{
    public static Task<ProcessResult> RunAsync(params string[] args) => Task.Run(() =>
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return new ProcessResult(exit, stdout.ToString(), stderr.ToString());
    });

    public static async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"inspect {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>The real kubectl scripts/install-deps puts under .tools/; skips the test, loudly, when it is missing.</summary>
    public static string RequireKubectl()
    {
        var kubectl = Path.Combine(RepoPaths.RepoRoot, ".tools", "kubectl", "kubectl");
        if (!File.Exists(kubectl))
        {
            Assert.Skip($"SKIPPED: kubectl is not installed at {kubectl}; run scripts/install-deps");
        }

        return kubectl;
    }
}
