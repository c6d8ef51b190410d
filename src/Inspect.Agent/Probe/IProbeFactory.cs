namespace Inspect.Agent.Probe;

/// <summary>Checks whether this machine can run the probe, and loads it.</summary>
public interface IProbeFactory
{
    /// <summary>Null when the probe can run here, else why not, phrased for the user.</summary>
    string? WhyUnsupported();

    IProbe Open(ProbeOptions options);
}
