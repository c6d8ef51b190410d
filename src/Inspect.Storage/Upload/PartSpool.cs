namespace Inspect.Storage.Upload;

/// <summary>
/// The parts that wait on local disk for the store, in one fresh directory per upload, with the bytes they use
/// counted against a quota. Files are removed once the store has them.
/// </summary>
internal sealed class PartSpool
{
    private long _used;

    public PartSpool(string parent, long quota)
    {
        Folder = Path.Combine(Path.GetFullPath(parent), $"upload-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Quota = quota;
    }

    /// <summary>This upload's own folder.</summary>
    public string Folder { get; }

    public long Quota { get; }

    /// <summary>Bytes of parts on disk now.</summary>
    public long Used => Interlocked.Read(ref _used);

    public string Write(int number, ReadOnlySpan<byte> data)
    {
        var path = Path.Combine(Folder, $"part-{number:D5}");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            file.Write(data);
            file.Flush(flushToDisk: true);
        }

        Interlocked.Add(ref _used, data.Length);
        return path;
    }

    public static int Read(string path, byte[] buffer)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return file.ReadAtLeast(buffer, (int)file.Length, throwOnEndOfStream: true);
    }

    public void Remove(string path, int length)
    {
        File.Delete(path);
        Interlocked.Add(ref _used, -length);
    }

    /// <summary>Deletes the directory when nothing is left in it.</summary>
    public void RemoveIfEmpty()
    {
        if (Directory.Exists(Folder) && !Directory.EnumerateFileSystemEntries(Folder).Any())
        {
            Directory.Delete(Folder);
        }
    }
}
