using System.Text.Json;
using Inspect.Cli;

namespace Inspect.Ui.Tests;

/// <summary>The command line, run in-process: the oracle the API's numbers are compared with.</summary>
internal static class Cli
{
    public static string Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        Assert.True(exit == 0, $"inspect {string.Join(' ', args)} failed ({exit}): {stderr}");
        return stdout.ToString();
    }

    public static JsonElement Json(params string[] args) => JsonDocument.Parse(Run(args)).RootElement;

    /// <summary>The stderr of a run expected to fail.</summary>
    public static string Failure(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.NotEqual(0, CommandLine.Run(args, stdout, stderr));
        return stderr.ToString();
    }
}
