using Inspect.Scap.Reading;

namespace Inspect.Ui;

/// <summary>What <c>inspect ui</c> serves and where.</summary>
public sealed class UiOptions
{
    /// <summary>A capture file (only it is served) or a directory (every capture under it is).</summary>
    public required string Path { get; init; }

    /// <summary>The address to listen on, <c>HOST:PORT</c>; port 0 picks a free one.</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>
    /// Opens a capture for one read; the command line passes its own opener so encrypted captures (with
    /// <c>--key</c>) read exactly as they do for the other verbs.
    /// </summary>
    public Func<string, ScapReader> OpenCapture { get; init; } = ScapReader.Open;
}
