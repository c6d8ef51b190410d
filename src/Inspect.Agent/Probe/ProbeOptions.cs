namespace Inspect.Agent.Probe;

/// <summary>How the probe is sized when it is loaded.</summary>
/// <param name="RingSizeBytes">Bytes per BPF ring (a power of two); 0 keeps the probe's default of 8 MiB.</param>
/// <param name="CpusPerRing">CPUs sharing a ring; 0 or 1 gives one ring per CPU.</param>
public sealed record ProbeOptions(uint RingSizeBytes = 0, uint CpusPerRing = 0);
