namespace Inspect.Agent.Probe;

/// <summary>How the probe is sized when it is loaded.</summary>
/// <param name="RingSizeBytes">Bytes per BPF ring (a power of two); 0 keeps the probe's default of 8 MiB.</param>
/// <param name="CpusPerRing">CPUs sharing a ring; 0 or 1 gives one ring per CPU.</param>
public sealed record ProbeOptions(uint RingSizeBytes = ProbeOptions.DefaultRingSizeBytes, uint CpusPerRing = 0)
{
    /// <summary>
    /// 32 MiB per ring: at about 1.8 M events/s of 60 bytes a ring holds some 300 ms, enough for the recorder to be
    /// starved of CPU for a moment (its file writes compete with the workload on small nodes) without losing events;
    /// 8 MiB filled in about 50 ms under load in the capture benchmark.
    /// </summary>
    public const uint DefaultRingSizeBytes = 32u << 20;
}
