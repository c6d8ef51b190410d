using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop.Structs;

/// <summary>Mirror of <c>struct inspect_probe_cpu_stats</c> (32 bytes): the probe's counters for one CPU, or their sums.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeCpuStats
{
    /// <summary>Events written to a ring.</summary>
    public ulong Events;

    /// <summary>Events dropped because the ring was full (user space did not keep up).</summary>
    public ulong DropsBufferFull;

    /// <summary>Events dropped because they exceeded the largest event an EV_V2 block holds.</summary>
    public ulong DropsMaxEventSize;

    /// <summary>Events dropped because of a missing scratch or ring map entry (a misconfigured probe).</summary>
    public ulong DropsInternal;
}
