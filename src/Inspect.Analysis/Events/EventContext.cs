using System.Buffers.Binary;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Analysis.Events;

/// <summary>
/// One event together with what the state engine resolved for it (thread, fd, number). Valid only while the reader
/// stays on the event; fields and filters read from it without copying.
/// </summary>
public ref struct EventContext
{
    public EventContext(in ScapEvent evt, EventInfo info, long number, StateEngine engine, ArgRenderer renderer)
    {
        Renderer = renderer;
        Event = evt;
        Info = info;
        Number = number;
        Engine = engine;
        ParamCount = Math.Min(evt.ParamCount, info.ParamCount);
    }

    public ScapEvent Event { get; }

    public EventInfo Info { get; }

    /// <summary>sysdig's event number (every event of a known type counts, shown or not).</summary>
    public long Number { get; }

    public StateEngine Engine { get; }

    /// <summary>Renders parameters as text (evt.info, evt.arg).</summary>
    public ArgRenderer Renderer { get; }

    /// <summary>Parameters usable: the smaller of what the event carries and what the event table describes.</summary>
    public int ParamCount { get; }

    /// <summary>The thread the engine attached while parsing (null for meta events and unknown threads on some events).</summary>
    public ThreadInfo? ParsedThread { get; internal set; }

    /// <summary>The fd the event uses or created, when the engine found one.</summary>
    public FdInfo? Fd { get; internal set; }

    /// <summary>The event was parsed normally (false when its enter event was missing, as sysdig's reset reports).</summary>
    internal bool ResetOk { get; set; }

    internal readonly bool IsContainerEvent => EventCodes.IsContainer(Info.Code);

    /// <summary>The event's thread: the one attached while parsing, else a lookup by tid (never creating one).</summary>
    public readonly ThreadInfo? Thread => ParsedThread ?? (IsContainerEvent ? null : Engine.Threads.Find(Event.ThreadId));

    public readonly ushort Type => Event.Type;

    public readonly bool IsEnter => (Event.Type & 1) == 0;

    public readonly ReadOnlySpan<byte> Param(int index) => Event.Param(index);

    public readonly long ParamInt64(int index) => ParamReader.Int64(Event.Param(index));

    public readonly uint ParamUInt32(int index) => ParamReader.UInt32(Event.Param(index));

    /// <summary>Index of the parameter named <paramref name="name"/>, or -1.</summary>
    public readonly int ParamIndex(string name)
    {
        var ps = Info.Parameters;
        for (var i = 0; i < ParamCount; i++)
        {
            if (string.Equals(ps[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Reads fixed-size parameter values, tolerating short parameters (they read as zero).</summary>
internal static class ParamReader
{
    public static long Int64(ReadOnlySpan<byte> p) => p.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(p) : p.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(p) : 0;

    public static ulong UInt64(ReadOnlySpan<byte> p) => p.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(p) : p.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(p) : 0;

    public static uint UInt32(ReadOnlySpan<byte> p) => p.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(p) : p.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(p) : p.Length == 1 ? p[0] : 0u;

    public static ushort UInt16(ReadOnlySpan<byte> p) => p.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(p) : p.Length == 1 ? p[0] : (ushort)0;
}
