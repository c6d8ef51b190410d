using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Inspect.Scap.Reading;
using Inspect.Storage.Tests;

namespace Inspect.Operator.Tests.Support;

/// <summary>Objects in s3rver, read from its directory on disk (not through any S3 client).</summary>
internal static class S3Objects
{
    /// <summary>The key of an <c>s3://captures/KEY</c> URI.</summary>
    public static string KeyOf(string uri)
    {
        var prefix = $"s3://{S3rverServer.Bucket}/";
        Assert.StartsWith(prefix, uri);
        return uri[prefix.Length..];
    }

    public static string PathOf(S3rverServer s3, string key)
    {
        var parts = key.Split('/');
        return Path.Combine([s3.Directory, S3rverServer.Bucket, .. parts[..^1], parts[^1] + "._S3rver_object"]);
    }

    public static bool Exists(S3rverServer s3, string key) => File.Exists(PathOf(s3, key));

    public static byte[] Read(S3rverServer s3, string key) => File.ReadAllBytes(PathOf(s3, key));

    public static string Checksum(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static JsonObject Json(S3rverServer s3, string key) =>
        JsonNode.Parse(File.ReadAllText(PathOf(s3, key)))!.AsObject();

    /// <summary>Events of <paramref name="type"/> in a gzip-compressed capture object, read with Inspect's reader
    /// (which fails on a torn file).</summary>
    public static long EventCount(byte[] gzipped, ushort type)
    {
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var reader = new ScapReader(gzip);
        long events = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event && reader.Event.Type == type)
            {
                events++;
            }
        }

        return events;
    }
}
