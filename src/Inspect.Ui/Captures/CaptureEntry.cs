namespace Inspect.Ui.Captures;

/// <summary>
/// One capture the server offers: the name the API takes (<c>capture=</c>), its size and modification time when
/// known, and for a Capture in the cluster where it comes from and why it cannot be opened, if it cannot.
/// </summary>
public sealed record CaptureEntry(string Name, long? Size, DateTime? Modified)
{
    /// <summary>The Capture's namespace (cluster only).</summary>
    public string? Namespace { get; init; }

    /// <summary>The Capture's name (cluster only).</summary>
    public string? Capture { get; init; }

    /// <summary>The node whose part this is (cluster only).</summary>
    public string? Node { get; init; }

    /// <summary>The Capture's phase, and the node's (cluster only).</summary>
    public string? Phase { get; init; }

    /// <summary>Where the artifact is stored (<c>s3://...</c>, <c>file://node/path</c>), when known.</summary>
    public string? Artifact { get; init; }

    /// <summary>Why it cannot be opened here (not stored yet, stored on a node's disk); null when it can.</summary>
    public string? Unavailable { get; init; }
}
