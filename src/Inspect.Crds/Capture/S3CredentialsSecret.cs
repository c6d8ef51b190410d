using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>A Secret with an S3 access key pair.</summary>
public sealed class S3CredentialsSecret
{
    /// <summary>The Secret's name, in the Capture's namespace.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Length(1, 253)]
    public string Name { get; set; } = "";

    /// <summary>The key holding the access key id.</summary>
    [JsonPropertyName("accessKeyIdKey")]
    [Default("accessKeyId")]
    public string? AccessKeyIdKey { get; set; }

    /// <summary>The key holding the secret access key.</summary>
    [JsonPropertyName("secretAccessKeyKey")]
    [Default("secretAccessKey")]
    public string? SecretAccessKeyKey { get; set; }
}
