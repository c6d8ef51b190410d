namespace Inspect.Agent.Snapshot;

/// <summary>
/// Reads /proc files that may vanish at any moment (processes exit while a snapshot walks them) or be unreadable:
/// every helper returns null instead of throwing, and callers skip what they cannot read.
/// </summary>
internal static class ProcFiles
{
    public static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (IsGone(e))
        {
            return null;
        }
    }

    public static byte[]? ReadBytes(string path)
    {
        try
        {
            // /proc files report a size of 0, so File.ReadAllBytes' size-based read is not used.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (IsGone(e))
        {
            return null;
        }
    }

    /// <summary>The target of a symbolic link such as /proc/PID/exe or /proc/PID/fd/N, or null.</summary>
    public static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (IsGone(e))
        {
            return null;
        }
    }

    /// <summary>Numeric directory names (pids, tids, fds) under <paramref name="directory"/>.</summary>
    public static IEnumerable<long> NumericEntries(string directory)
    {
        string[] names;
        try
        {
            names = Directory.GetFileSystemEntries(directory);
        }
        catch (Exception e) when (IsGone(e))
        {
            return [];
        }

        var numbers = new List<long>(names.Length);
        foreach (var name in names)
        {
            if (long.TryParse(Path.GetFileName(name.AsSpan()), out var number))
            {
                numbers.Add(number);
            }
        }

        numbers.Sort();
        return numbers;
    }

    private static bool IsGone(Exception e) => e is IOException or UnauthorizedAccessException;
}
