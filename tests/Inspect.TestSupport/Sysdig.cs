namespace Inspect.TestSupport;

/// <summary>
/// Debian's sysdig 0.29.3, the independent reader every compatibility test compares against. Its absence is a
/// failure, not a skip: CI installs it (scripts/install-deps).
/// </summary>
public static class Sysdig
{
    public const string Path = "/usr/bin/sysdig";

    /// <summary>Runs <c>sysdig</c> with the given arguments; fails the test when sysdig is not installed.</summary>
    public static ProcessResult Run(params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: install Debian's sysdig package (scripts/install-deps does) to run the compatibility tests");
        }

        return ExternalProcess.Run(Path, arguments);
    }

    /// <summary>What <c>sysdig -r FILE [args]</c> prints on stdout; fails when sysdig reports an error.</summary>
    public static string Read(string file, params string[] arguments)
    {
        var result = Run(["-r", file, .. arguments]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sysdig -r {file} failed ({result.ExitCode}): {result.Stderr}");
        }

        return result.Stdout;
    }
}
