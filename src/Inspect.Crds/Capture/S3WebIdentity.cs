using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>Web-identity credentials: the agent exchanges its projected service-account token with the STS endpoint
/// (the MinIO SDK's web-identity provider).</summary>
public sealed class S3WebIdentity
{
    /// <summary>The role to assume (AWS IAM role ARN); MinIO ignores it.</summary>
    [JsonPropertyName("roleArn")]
    [Length(max: 2048)]
    public string? RoleArn { get; set; }

    /// <summary>The STS endpoint; the storage endpoint when absent.</summary>
    [JsonPropertyName("stsEndpoint")]
    [Length(max: 2048)]
    public string? StsEndpoint { get; set; }

    /// <summary>The audience of the projected token.</summary>
    [JsonPropertyName("audience")]
    [Default("sts.amazonaws.com")]
    public string? Audience { get; set; }
}
