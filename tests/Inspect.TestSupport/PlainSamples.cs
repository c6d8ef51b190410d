using System.IO.Compression;

namespace Inspect.TestSupport;

/// <summary>
/// Uncompressed copies of the sample captures (most are gzip), for code that only works on plain files, such as
/// reading a capture backwards from its end.
/// </summary>
public static class PlainSamples
{
    /// <summary>The bytes of sample <paramref name="fileName"/>, decompressed if it is gzip.</summary>
    public static byte[] Bytes(string fileName)
    {
        var raw = File.ReadAllBytes(RepoPaths.Sample(fileName));
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a new temporary file and returns its path; the caller deletes it.</summary>
    public static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"inspect-plain-{Guid.NewGuid():N}.scap");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
