namespace Inspect.Scap.Format;

/// <summary>
/// Layout of Inspect's redaction summary: a pcapng custom block (<see cref="BlockTypes.CustomCopyable"/>) placed
/// among the metadata blocks, which sysdig 0.29.3 and newer libs skip (FORMAT.md §8). Body: u32 private enterprise
/// number (0: none), the 16-byte tag below, u32 flags (bit 0: counts are final), u32 rule count, then per rule a u64
/// count, a u16 name length and the UTF-8 name.
/// </summary>
public static class RedactionBlock
{
    /// <summary>Identifies Inspect's payload among custom blocks; the trailing digit is the layout version.</summary>
    public static ReadOnlySpan<byte> Tag => "inspect.redact.1"u8;

    public const uint PrivateEnterpriseNumber = 0;

    public const uint FinalFlag = 1;

    /// <summary>Longest rule name stored (u16 length).</summary>
    public const int MaxNameBytes = 1024;
}
