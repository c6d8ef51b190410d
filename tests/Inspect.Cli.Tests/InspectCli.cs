using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>Runs the <c>inspect</c> command line in-process, capturing what it prints.</summary>
internal static class InspectCli
{
    public static ProcessResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return new ProcessResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the real <c>./inspect</c> wrapper at the repository root, as a user would.</summary>
    public static ProcessResult RunWrapper(params string[] args) =>
        ExternalProcess.Run(Path.Combine(RepoPaths.RepoRoot, "inspect"), args, TimeSpan.FromMinutes(5), RepoPaths.RepoRoot);
}
