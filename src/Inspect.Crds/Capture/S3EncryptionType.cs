using System.Text.Json.Serialization;

namespace Inspect.Crds.Capture;

/// <summary>Server-side encryption kinds, by their S3 header values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<S3EncryptionType>))]
public enum S3EncryptionType
{
    /// <summary>Keys managed by the storage (SSE-S3).</summary>
    [JsonStringEnumMemberName("AES256")]
    Aes256,

    /// <summary>A key in the key management service (SSE-KMS).</summary>
    [JsonStringEnumMemberName("aws:kms")]
    AwsKms,
}
