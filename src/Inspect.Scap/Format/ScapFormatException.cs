namespace Inspect.Scap.Format;

/// <summary>
/// A capture file is malformed. The message names the byte offset (in the uncompressed stream) and what was wrong,
/// so a person can find the damage with a hex editor.
/// </summary>
public sealed class ScapFormatException : FormatException
{
    public ScapFormatException(long offset, string problem)
        : base($"offset {offset} (0x{offset:X}): {problem}")
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Byte offset of the damaged structure, counted in the uncompressed stream.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }
}
