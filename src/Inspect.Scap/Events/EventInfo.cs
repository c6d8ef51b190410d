namespace Inspect.Scap.Events;

/// <summary>Static description of one event type code: name, category, flags and parameters.</summary>
public sealed class EventInfo
{
    public EventInfo(ushort code, string name, EventCategory category, EventFlags flags, IReadOnlyList<ParamInfo> parameters)
    {
        Code = code;
        Name = name;
        Category = category;
        Flags = flags;
        Parameters = parameters;
        ParamCount = parameters.Count;
    }

    public ushort Code { get; }

    /// <summary>Name as sysdig prints it in <c>evt.type</c>.</summary>
    public string Name { get; }

    public EventCategory Category { get; }

    public EventFlags Flags { get; }

    public IReadOnlyList<ParamInfo> Parameters { get; }

    /// <summary>The number of <see cref="Parameters"/>, kept as a field: readers ask for it on every event.</summary>
    public int ParamCount { get; }

    /// <summary>Even codes are enter events ("&gt;"), odd codes exit events ("&lt;").</summary>
    public bool IsEnter => (Code & 1) == 0;

    /// <summary>Internal events (procinfo, container metadata, ...) are state for the reader, never shown by default.</summary>
    public bool IsInternal => ((ushort)Category & (ushort)EventCategory.Internal) != 0;

    /// <summary>Parameter lengths are u32 rather than u16 for this type.</summary>
    public bool HasLargePayload => (Flags & EventFlags.LargePayload) != 0;

    public override string ToString() => $"{Name}({Code})";
}
