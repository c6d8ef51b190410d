using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop.Structs;

/// <summary>
/// Mirror of <c>struct inspect_probe_settings</c> (24 bytes), the probe's settings map value. The shim owns it; the
/// mirror exists so the layout test covers every struct of the shared header.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeSettings
{
    /// <summary>Unix-epoch ns at boot: event timestamps are this plus the boot clock.</summary>
    public ulong BootTimeNs;

    public uint Snaplen;

    /// <summary>INSPECT_TARGET_* bits.</summary>
    public uint TargetMode;

    public uint CpusPerRing;

    public uint RingCount;
}
