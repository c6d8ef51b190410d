namespace Inspect.Storage.Location;

/// <summary>An <c>s3://bucket/key</c> address: a bucket and a key (or a key prefix), as the CLI takes them.</summary>
public sealed record S3Uri(string Bucket, string Key)
{
    public static S3Uri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string scheme = "s3://";
        if (!text.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not an s3:// address (expected s3://BUCKET/KEY)");
        }

        var rest = text[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (!IsValidBucket(bucket))
        {
            throw new FormatException($"'{text}': '{bucket}' is not a valid bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
        }

        if (key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new FormatException($"'{text}': the key may not contain '.' or '..' segments");
        }

        return new S3Uri(bucket, key);
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";

    private static bool IsValidBucket(string bucket) =>
        bucket.Length is >= 3 and <= 63
        && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
}
