namespace Inspect.TestSupport;

/// <summary>Finds the repository and the shared folder (sample captures, oracles) from wherever the tests run.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(() => FindUp(d => File.Exists(Path.Combine(d, "Inspect.Operator.sln")))
        ?? throw new InvalidOperationException($"cannot find the repository (Inspect.Operator.sln) above {AppContext.BaseDirectory}"));

    private static readonly Lazy<string> Shared = new(() =>
        FindUp(d => Directory.Exists(Path.Combine(d, "shared", "scap-samples"))) is { } parent
            ? Path.Combine(parent, "shared")
            : throw new InvalidOperationException($"cannot find shared/scap-samples beside or above {RepoRoot}; the repository expects ../shared next to its clone"));

    /// <summary>The repository root (where Inspect.Operator.sln is).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder beside the repository.</summary>
    public static string SharedDir => Shared.Value;

    /// <summary>Every sample capture recorded by real sysdig and Falco, by file name.</summary>
    public static IReadOnlyList<string> SampleFiles =>
        [.. Directory.GetFiles(Path.Combine(SharedDir, "scap-samples"), "*.scap").OrderBy(f => f, StringComparer.Ordinal)];

    /// <summary>The path of one sample capture.</summary>
    public static string Sample(string fileName) => Path.Combine(SharedDir, "scap-samples", fileName);

    /// <summary>Sample file names, for theory data.</summary>
    public static IEnumerable<string> SampleNames => SampleFiles.Select(Path.GetFileName).OfType<string>();

    private static string? FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
