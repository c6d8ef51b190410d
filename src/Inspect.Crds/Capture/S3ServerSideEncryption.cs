using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>Server-side encryption of stored objects.</summary>
[CelRule("self.type != 'aws:kms' || has(self.kmsKeyId)", "kmsKeyId is required when type is aws:kms")]
public sealed class S3ServerSideEncryption
{
    /// <summary>The kind of encryption.</summary>
    [JsonPropertyName("type")]
    [Required]
    public S3EncryptionType Type { get; set; }

    /// <summary>The KMS key for <c>aws:kms</c>.</summary>
    [JsonPropertyName("kmsKeyId")]
    [Length(max: 2048)]
    public string? KmsKeyId { get; set; }
}
