using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>Where the files go: S3-compatible object storage or a directory on each node. Exactly one.</summary>
[CelRule("(has(self.s3) ? 1 : 0) + (has(self.nodeDirectory) ? 1 : 0) == 1",
    "exactly one of s3 or nodeDirectory must be set")]
public sealed class CaptureOutput
{
    /// <summary>S3-compatible object storage (AWS S3, MinIO, Ceph RGW...).</summary>
    [JsonPropertyName("s3")]
    public S3Output? S3 { get; set; }

    /// <summary>A directory on each node, under the base path the operator is configured with.</summary>
    [JsonPropertyName("nodeDirectory")]
    public NodeDirectoryOutput? NodeDirectory { get; set; }
}
