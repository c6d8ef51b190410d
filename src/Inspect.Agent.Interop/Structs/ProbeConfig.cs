using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop.Structs;

/// <summary>Mirror of <c>struct inspect_probe_config</c> (16 bytes): how <c>inspect_probe_open</c> sizes the probe. Zero selects the default.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeConfig
{
    /// <summary>Bytes per BPF ring buffer: a power of two of at least two pages; 0 = 8 MiB.</summary>
    public uint RingSizeBytes;

    /// <summary>CPUs sharing one ring; 0 or 1 = one ring per CPU.</summary>
    public uint CpusPerRing;

    /// <summary>I/O payload bytes kept per call; 0 = 80.</summary>
    public uint Snaplen;

    /// <summary>Must be 0.</summary>
    public uint Reserved;
}
