namespace Inspect.Storage.Upload;

/// <summary>A finished part waiting for the store: in a pooled buffer, or in a spool file when memory's share was taken.</summary>
internal sealed class PendingPart(int number, int length, byte[]? buffer, string? spoolFile)
{
    public int Number { get; } = number;

    public int Length { get; } = length;

    /// <summary>The part's bytes when kept in memory.</summary>
    public byte[]? Buffer { get; } = buffer;

    /// <summary>The part's file when spooled to disk.</summary>
    public string? SpoolFile { get; } = spoolFile;
}
