using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>S3-compatible object storage. Objects are named
/// <c>&lt;prefix&gt;&lt;namespace&gt;/&lt;capture&gt;/&lt;node&gt;-&lt;start&gt;.scap.gz</c>, with a JSON summary beside each.</summary>
[CelRule("!(has(self.credentialsSecret) && has(self.webIdentity))",
    "credentialsSecret and webIdentity are mutually exclusive")]
public sealed class S3Output
{
    /// <summary>The endpoint URL (<c>https://minio.storage:9000</c>); AWS S3 for the region when absent.</summary>
    [JsonPropertyName("endpoint")]
    [Pattern("^https?://[^\\s/]+(/.*)?$")]
    [Length(max: 2048)]
    public string? Endpoint { get; set; }

    /// <summary>The bucket name.</summary>
    [JsonPropertyName("bucket")]
    [Required]
    [Length(3, 63)]
    [Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    public string Bucket { get; set; } = "";

    /// <summary>Prepended to every object key (<c>forensics/</c>).</summary>
    [JsonPropertyName("prefix")]
    [Length(max: 512)]
    public string? Prefix { get; set; }

    /// <summary>The region (<c>us-east-1</c>).</summary>
    [JsonPropertyName("region")]
    [Length(max: 64)]
    public string? Region { get; set; }

    /// <summary>A Secret in the Capture's namespace holding an access key pair.</summary>
    [JsonPropertyName("credentialsSecret")]
    public S3CredentialsSecret? CredentialsSecret { get; set; }

    /// <summary>Credentials from the agent pod's projected service-account token (IRSA-style web identity).</summary>
    [JsonPropertyName("webIdentity")]
    public S3WebIdentity? WebIdentity { get; set; }

    /// <summary>Server-side encryption of the stored objects.</summary>
    [JsonPropertyName("serverSideEncryption")]
    public S3ServerSideEncryption? ServerSideEncryption { get; set; }
}
