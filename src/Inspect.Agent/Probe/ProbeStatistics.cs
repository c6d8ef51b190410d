namespace Inspect.Agent.Probe;

/// <summary>The probe's counters summed over CPUs.</summary>
/// <param name="Events">Events the probe put into its rings.</param>
/// <param name="DropsBufferFull">Events lost because a ring was full: the reader did not keep up.</param>
/// <param name="DropsOversize">Events lost because they were larger than an event block may be.</param>
/// <param name="DropsInternal">Events lost to probe misconfiguration; 0 unless something is broken.</param>
public readonly record struct ProbeStatistics(ulong Events, ulong DropsBufferFull, ulong DropsOversize, ulong DropsInternal)
{
    /// <summary>Every event the probe saw but could not deliver.</summary>
    public ulong Drops => DropsBufferFull + DropsOversize + DropsInternal;
}
