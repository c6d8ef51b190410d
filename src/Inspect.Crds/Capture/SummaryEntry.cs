using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>One row of a summary list: a name with a count and/or bytes.</summary>
public sealed class SummaryEntry
{
    /// <summary>Process, file, connection (<c>10.0.0.1:443</c>), command line or error name.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Length(max: 512)]
    public string Name { get; set; } = "";

    /// <summary>How many times (events, calls, executions).</summary>
    [JsonPropertyName("count")]
    [Minimum(0)]
    public long? Count { get; set; }

    /// <summary>Bytes moved.</summary>
    [JsonPropertyName("bytes")]
    [Minimum(0)]
    public long? Bytes { get; set; }
}
