using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>One node's part of a capture.</summary>
public sealed class CaptureNodeStatus
{
    /// <summary>The node's name.</summary>
    [JsonPropertyName("node")]
    [Required]
    [Length(1, 253)]
    public string Node { get; set; } = "";

    /// <summary>Where this node's part is.</summary>
    [JsonPropertyName("phase")]
    [Required]
    public NodePhase Phase { get; set; }

    /// <summary>When this node joined a capture that was already running (a targeted pod appeared on it after the
    /// start); it records for what was left of the duration. Unset for the nodes targeted from the start.</summary>
    [JsonPropertyName("joinedAt")]
    public DateTime? JoinedAt { get; set; }

    /// <summary>Events recorded.</summary>
    [JsonPropertyName("events")]
    [Minimum(0)]
    public long? Events { get; set; }

    /// <summary>Bytes written.</summary>
    [JsonPropertyName("bytes")]
    [Minimum(0)]
    public long? Bytes { get; set; }

    /// <summary>Events the kernel or the agent dropped.</summary>
    [JsonPropertyName("drops")]
    [Minimum(0)]
    public long? Drops { get; set; }

    /// <summary>Secrets masked on this node, per redaction rule (rules that masked nothing are left out).</summary>
    [JsonPropertyName("redactions")]
    [Items(max: 128)]
    public IDictionary<string, long>? Redactions { get; set; }

    /// <summary>Where the file is (<c>s3://bucket/key</c> or <c>file://node/path</c>).</summary>
    [JsonPropertyName("artifactUri")]
    [Length(max: 2048)]
    public string? ArtifactUri { get; set; }

    /// <summary>Checksum of the stored file (<c>sha256:&lt;hex&gt;</c>).</summary>
    [JsonPropertyName("checksum")]
    [Pattern("^sha256:[0-9a-f]{64}$")]
    public string? Checksum { get; set; }

    /// <summary>True when the stored file was read back where it lies and checked: its SHA-256 is <c>checksum</c>
    /// (and, when read back by the agent, it reads as a valid .scap). False when it was read back and did not check
    /// out. Unset when nobody read it back: an S3 upload's checksum is that of the bytes sent.</summary>
    [JsonPropertyName("verified")]
    public bool? Verified { get; set; }

    /// <summary>Who read the file back: the agent (node directories) or the operator (an S3 object whose agent went
    /// away).</summary>
    [JsonPropertyName("verifiedBy")]
    public VerifiedBy? VerifiedBy { get; set; }

    /// <summary>When the file was last read back and checked.</summary>
    [JsonPropertyName("verifiedAt")]
    public DateTime? VerifiedAt { get; set; }

    /// <summary>What was checked, in words (where the file was read, what matched).</summary>
    [JsonPropertyName("verification")]
    [Length(max: 1024)]
    public string? Verification { get; set; }

    /// <summary>Why this node's part failed, or what was lost.</summary>
    [JsonPropertyName("error")]
    [Length(max: 1024)]
    public string? Error { get; set; }
}
