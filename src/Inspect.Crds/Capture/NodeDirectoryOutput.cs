using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>A directory on each node, relative to the base path the operator is configured with.</summary>
public sealed class NodeDirectoryOutput
{
    /// <summary>The directory, relative to the operator's base path: no leading <c>/</c>, no <c>..</c> segment.</summary>
    [JsonPropertyName("path")]
    [Required]
    [Length(1, 1024)]
    [Pattern(PathPattern)]
    [CelRule("!self.startsWith('/')", "path must be relative to the operator's base directory")]
    [CelRule("!self.matches('(^|/)[.][.](/|$)')", "path must not contain '..'")]
    public string Path { get; set; } = "";

    /// <summary>Relative path segments, none of them <c>..</c>, written without look-arounds (RE2).</summary>
    public const string PathPattern = "^([^./][^/]*|[.][^./][^/]*|[.][.][^/]+|[.])(/([^./][^/]*|[.][^./][^/]*|[.][.][^/]+|[.]))*/?$";
}
