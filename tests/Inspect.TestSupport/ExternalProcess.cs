using System.Diagnostics;

namespace Inspect.TestSupport;

/// <summary>Runs an external program to completion with a time limit, capturing its output.</summary>
public static class ExternalProcess
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>Exit code and output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
