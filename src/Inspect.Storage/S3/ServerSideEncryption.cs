using Inspect.Storage.Encryption;
using Minio.DataModel.Encryption;

namespace Inspect.Storage.S3;

/// <summary>
/// Server-side encryption asked of the object store, as the MinIO SDK's types: <c>s3</c> (SSE-S3, keys managed by
/// the store), <c>kms:KEY-ID</c> (SSE-KMS with that key), or <c>c:FILE</c> (SSE-C with a 256-bit key from a file or a
/// mounted Secret, sent with every request for the object and never stored by the store).
/// </summary>
public sealed class ServerSideEncryption
{
    private ServerSideEncryption(IServerSideEncryption sdk, string description, byte[]? customerKey = null)
    {
        Sdk = sdk;
        Description = description;
        CustomerKeyBytes = customerKey;
    }

    /// <summary>The SDK object, for the SDK's own calls (stat, get, copy, put).</summary>
    public IServerSideEncryption Sdk { get; }

    /// <summary>What it is, without key material: "SSE-S3", "SSE-KMS key ID", "SSE-C".</summary>
    public string Description { get; }

    /// <summary>The SSE-C key, needed again to read or copy the object.</summary>
    internal byte[]? CustomerKeyBytes { get; }

    public bool IsCustomerKey => Sdk.GetEncryptionType() == EncryptionType.SSE_C;

    public static ServerSideEncryption S3Managed() => new(new SSES3(), "SSE-S3");

    public static ServerSideEncryption Kms(string keyId) => new(new SSEKMS(keyId, null), $"SSE-KMS key {keyId}");

    public static ServerSideEncryption CustomerKey(byte[] key) => new(new SSEC(key), "SSE-C", key);

    /// <summary>Parses the CLI's <c>--sse</c> value.</summary>
    public static ServerSideEncryption Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            "s3" => S3Managed(),
            _ when value.StartsWith("kms:", StringComparison.Ordinal) && value.Length > 4 => Kms(value[4..]),
            _ when value.StartsWith("c:", StringComparison.Ordinal) && value.Length > 2 => CustomerKey(KeyFile.Read(value[2..])),
            _ => throw new FormatException($"'{value}' is not a server-side encryption: use s3, kms:KEY-ID or c:KEY-FILE"),
        };
    }

    /// <summary>Headers for creating an object (every kind).</summary>
    public IReadOnlyDictionary<string, string> CreateHeaders()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Sdk.Marshal(headers);
        return headers;
    }

    /// <summary>Headers for each part and each read: only SSE-C repeats its key; SSE-S3 and SSE-KMS headers are refused there.</summary>
    public IReadOnlyDictionary<string, string> PerRequestHeaders() =>
        IsCustomerKey ? CreateHeaders() : new Dictionary<string, string>();

    /// <summary>Headers naming the SSE-C key of a copy's source object; none for the other kinds.</summary>
    public IReadOnlyDictionary<string, string> CopySourceHeaders()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (CustomerKeyBytes is { } key)
        {
            new SSECopy(key).Marshal(headers);
        }

        return headers;
    }

    public override string ToString() => Description;
}
