namespace Inspect.Scap.Model;

/// <summary>The section header block: format version of the section that follows.</summary>
/// <param name="Major">Major version; readers refuse anything above 1.</param>
/// <param name="Minor">Minor version (1.0–1.2 in the wild).</param>
/// <param name="SectionLength">Declared section length; -1 means unspecified (what every writer puts).</param>
/// <param name="OptionsLength">Bytes of pcapng options after the fixed fields (skipped).</param>
public sealed record SectionHeader(ushort Major, ushort Minor, long SectionLength, int OptionsLength = 0);
