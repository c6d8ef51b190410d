namespace Inspect.Scap.Model;

/// <summary>The machine info block: who recorded the capture.</summary>
public sealed record MachineInfo
{
    public uint NumCpus { get; init; }

    public ulong MemorySizeBytes { get; init; }

    public ulong MaxPid { get; init; }

    public string Hostname { get; init; } = "";

    /// <summary>Boot time in ns since the epoch (newer writers; reserved and usually 0 in older files).</summary>
    public ulong BootTimeEpochNs { get; init; }

    /// <summary>Flags word (newer writers; reserved in older files).</summary>
    public ulong Flags { get; init; }

    public ulong Reserved3 { get; init; }

    public ulong Reserved4 { get; init; }
}
