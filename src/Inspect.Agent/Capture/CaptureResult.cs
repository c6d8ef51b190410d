using Inspect.Agent.Probe;
using Inspect.Scap.Model;

namespace Inspect.Agent.Capture;

/// <summary>The outcome of a capture.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Events">Captured events written to the file.</param>
/// <param name="Bytes">File bytes written (before compression).</param>
/// <param name="Containers">Container metadata events written.</param>
/// <param name="Elapsed">Time spent recording events.</param>
/// <param name="Probe">The probe's counters at the end, drops included.</param>
/// <param name="Redaction">Secrets masked per rule, or null when the capture was not redacted.</param>
/// <param name="RecorderCpu">CPU time the recording process used (every thread, user and system) while recording and draining.</param>
public sealed record CaptureResult(StopReason Reason, long Events, long Bytes, int Containers, TimeSpan Elapsed, ProbeStatistics Probe, RedactionSummary? Redaction = null, TimeSpan RecorderCpu = default)
{
    /// <summary>Events the probe lost.</summary>
    public ulong Drops => Probe.Drops;

    /// <summary>The recorder's CPU time per event written, in nanoseconds (0 without events): what each event costs in user space.</summary>
    public double RecorderCpuNsPerEvent => Events > 0 ? RecorderCpu.Ticks * 100.0 / Events : 0;
}
