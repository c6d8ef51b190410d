using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop.Structs;

/// <summary>
/// Mirror of <c>struct inspect_probe_record_header</c> (16 bytes), the framing <c>inspect_probe_consume</c> puts before
/// each event in the caller's buffer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeRecordHeader
{
    /// <summary>Size of the framing record in bytes.</summary>
    public const int Size = 16;

    /// <summary>Records start at multiples of this, relative to the buffer start.</summary>
    public const int Alignment = 8;

    /// <summary>Header, event and padding; a multiple of <see cref="Alignment"/>.</summary>
    public uint RecordSize;

    /// <summary>Bytes of the scap event (equal to its header's length).</summary>
    public uint EventSize;

    /// <summary>Ring index, written as the EV_V2 block's cpu id.</summary>
    public ushort Ring;

    public ushort Flags;

    public uint Reserved;
}
