using System.IO.Compression;
using System.Security.Cryptography;
using Inspect.Scap.Reading;

namespace Inspect.Operator.Tests.Support;

/// <summary>Reads stored artifacts back.</summary>
internal static class CaptureFiles
{
    /// <summary>The local path of a <c>file://node/path</c> artifact URI.</summary>
    public static string PathOf(string artifactUri, string node)
    {
        var prefix = $"file://{node}";
        Assert.StartsWith(prefix + "/", artifactUri);
        return artifactUri[prefix.Length..];
    }

    /// <summary>sha256:&lt;hex&gt; of a file.</summary>
    public static string Checksum(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The events of a gzip-compressed capture, by type, read with Inspect's reader.</summary>
    public static Dictionary<ushort, int> EventTypes(string gzipPath)
    {
        using var file = File.OpenRead(gzipPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new ScapReader(gzip);
        var types = new Dictionary<ushort, int>();
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event)
            {
                types[reader.Event.Type] = types.GetValueOrDefault(reader.Event.Type) + 1;
            }
        }

        return types;
    }
}
