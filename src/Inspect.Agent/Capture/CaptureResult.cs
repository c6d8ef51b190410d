using Inspect.Agent.Probe;

namespace Inspect.Agent.Capture;

/// <summary>The outcome of a capture.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Events">Captured events written to the file.</param>
/// <param name="Bytes">File bytes written (before compression).</param>
/// <param name="Containers">Container metadata events written.</param>
/// <param name="Elapsed">Time spent recording events.</param>
/// <param name="Probe">The probe's counters at the end, drops included.</param>
public sealed record CaptureResult(StopReason Reason, long Events, long Bytes, int Containers, TimeSpan Elapsed, ProbeStatistics Probe)
{
    /// <summary>Events the probe lost.</summary>
    public ulong Drops => Probe.Drops;
}
