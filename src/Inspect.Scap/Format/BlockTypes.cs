namespace Inspect.Scap.Format;

/// <summary>Block type codes of the scap container (see FORMAT.md §1.3), including the pre-release aliases still found in old files.</summary>
public static class BlockTypes
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint MachineInfo = 0x00000201;
    public const uint MachineInfoAlias = 0x8002ABCD;

    public const uint ProcessListV1 = 0x00000202;
    public const uint ProcessListV1Alias = 0x8000ABCD;
    public const uint ProcessListV2 = 0x00000207;
    public const uint ProcessListV2Alias = 0x8013ABCD;
    public const uint ProcessListV3 = 0x00000209;
    public const uint ProcessListV3Alias = 0x8014ABCD;
    public const uint ProcessListV4 = 0x00000210;
    public const uint ProcessListV5 = 0x00000211;
    public const uint ProcessListV6 = 0x00000212;
    public const uint ProcessListV7 = 0x00000213;
    public const uint ProcessListV8 = 0x00000214;
    public const uint ProcessListV9 = 0x00000215;

    public const uint FdListV1 = 0x00000203;
    public const uint FdListV1Alias = 0x8001ABCD;
    public const uint FdListV2 = 0x00000218;

    public const uint EventV1 = 0x00000204;
    public const uint EventV1Alias = 0x8010ABCD;
    public const uint EventV2 = 0x00000216;
    public const uint EventV2Large = 0x00000221;
    public const uint EventWithFlagsV1 = 0x00000208;
    public const uint EventWithFlagsV2 = 0x00000217;
    public const uint EventWithFlagsV2Large = 0x00000222;

    public const uint InterfaceListV1 = 0x00000205;
    public const uint InterfaceListV1Alias = 0x8011ABCD;
    public const uint InterfaceListV2 = 0x00000219;

    public const uint UserListV1 = 0x00000206;
    public const uint UserListV1Alias = 0x8012ABCD;
    public const uint UserListV2 = 0x00000220;

    /// <summary>
    /// pcapng's custom block (the "may be copied" variant). libscap skips it like any block type it does not know;
    /// Inspect stores its redaction counts in one (FORMAT.md §8).
    /// </summary>
    public const uint CustomCopyable = 0x00000BAD;

    /// <summary>Classifies a block type code; unknown codes yield <see cref="BlockKind.Unknown"/>.</summary>
    public static BlockFormat Describe(uint blockType) => blockType switch
    {
        SectionHeader => new(BlockKind.SectionHeader, 1),
        MachineInfo or MachineInfoAlias => new(BlockKind.MachineInfo, 1),
        ProcessListV1 or ProcessListV1Alias => new(BlockKind.ProcessList, 1),
        ProcessListV2 or ProcessListV2Alias => new(BlockKind.ProcessList, 2),
        ProcessListV3 or ProcessListV3Alias => new(BlockKind.ProcessList, 3),
        ProcessListV4 => new(BlockKind.ProcessList, 4),
        ProcessListV5 => new(BlockKind.ProcessList, 5),
        ProcessListV6 => new(BlockKind.ProcessList, 6),
        ProcessListV7 => new(BlockKind.ProcessList, 7),
        ProcessListV8 => new(BlockKind.ProcessList, 8),
        ProcessListV9 => new(BlockKind.ProcessList, 9),
        FdListV1 or FdListV1Alias => new(BlockKind.FdList, 1),
        FdListV2 => new(BlockKind.FdList, 2),
        EventV1 or EventV1Alias => new(BlockKind.Event, 1),
        EventV2 => new(BlockKind.Event, 2),
        EventV2Large => new(BlockKind.Event, 2, IsLarge: true),
        EventWithFlagsV1 => new(BlockKind.Event, 1, HasFlags: true),
        EventWithFlagsV2 => new(BlockKind.Event, 2, HasFlags: true),
        EventWithFlagsV2Large => new(BlockKind.Event, 2, HasFlags: true, IsLarge: true),
        InterfaceListV1 or InterfaceListV1Alias => new(BlockKind.InterfaceList, 1),
        InterfaceListV2 => new(BlockKind.InterfaceList, 2),
        UserListV1 or UserListV1Alias => new(BlockKind.UserList, 1),
        UserListV2 => new(BlockKind.UserList, 2),
        CustomCopyable => new(BlockKind.Custom, 1),
        _ => new(BlockKind.Unknown, 0),
    };
}

/// <summary>What a block holds.</summary>
public enum BlockKind
{
    Unknown,
    SectionHeader,
    MachineInfo,
    ProcessList,
    FdList,
    InterfaceList,
    UserList,
    Event,

    /// <summary>A pcapng custom block; only Inspect's own (the redaction summary) is decoded.</summary>
    Custom,
}

/// <summary>The kind and layout version of a block type code.</summary>
/// <param name="Kind">What the block holds.</param>
/// <param name="Version">Layout version within the kind (process lists: 1–9; others: 1 or 2).</param>
/// <param name="HasFlags">Event blocks only: a u32 dump-flags word follows the cpu id.</param>
/// <param name="IsLarge">Event blocks only: the block may exceed 64 KiB.</param>
public readonly record struct BlockFormat(BlockKind Kind, int Version, bool HasFlags = false, bool IsLarge = false);
