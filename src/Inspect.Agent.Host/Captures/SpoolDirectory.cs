namespace Inspect.Agent.Host.Captures;

/// <summary>The directory where captures are recorded and kept until stored, bounded by a quota.</summary>
public sealed class SpoolDirectory
{
    public SpoolDirectory(string path, long quotaBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
        QuotaBytes = quotaBytes;
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute directory.</summary>
    public string Path { get; }

    /// <summary>Most bytes the spool may hold.</summary>
    public long QuotaBytes { get; }

    /// <summary>The spool file of a capture id; ids are <c>namespace/name/uid</c>, so slashes become underscores
    /// (none of the three parts can contain one).</summary>
    public string FileFor(string captureId) =>
        System.IO.Path.Join(Path, string.Concat(captureId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".scap");

    /// <summary>Bytes held now.</summary>
    public long UsedBytes() =>
        new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.TopDirectoryOnly).Sum(f => f.Length);

    /// <summary>True when the spool can be written to (for /readyz).</summary>
    public bool IsWritable()
    {
        var probe = System.IO.Path.Join(Path, ".ready");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
