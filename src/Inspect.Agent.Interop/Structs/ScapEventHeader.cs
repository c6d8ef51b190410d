using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop.Structs;

/// <summary>Mirror of the packed 26-byte <c>struct inspect_scap_event_header</c> that starts every event the probe emits.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ScapEventHeader
{
    /// <summary>ns since the Unix epoch.</summary>
    public ulong Timestamp;

    /// <summary>Host-namespace thread id.</summary>
    public ulong ThreadId;

    /// <summary>Whole event: header, parameter lengths and values.</summary>
    public uint Length;

    /// <summary>PPME_* code (old libs table, below 336).</summary>
    public ushort Type;

    public uint ParamCount;
}
