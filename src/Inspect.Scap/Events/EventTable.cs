using System.Globalization;

namespace Inspect.Scap.Events;

/// <summary>
/// The event types sysdig 0.29.3 knows (codes 0–335), loaded once from the embedded <c>events.tsv</c>.
/// Codes at or above <see cref="KnownCodeLimit"/> come from newer drivers: old readers skip them, this library keeps them raw.
/// </summary>
public static class EventTable
{
    /// <summary>One past the highest event code of the old event table (the old libs' PPM_EVENT_MAX).</summary>
    public const ushort KnownCodeLimit = 336;

    /// <summary>Container metadata as JSON (CONTAINER_JSON_2_E): u32 parameter lengths.</summary>
    public const ushort ContainerJson2 = 324;

    /// <summary>A thread's cumulative CPU ticks (PROCINFO_E), written once a second by live captures.</summary>
    public const ushort ProcInfo = 234;

    /// <summary>Plugin events (PLUGINEVENT_E): u32 parameter lengths.</summary>
    public const ushort PluginEvent = 322;

    /// <summary>Plugin events of newer drivers (ASYNCEVENT_E), the one code above the old table that uses u32 lengths.</summary>
    public const ushort AsyncEvent = 402;

    private static readonly EventInfo[] Known = Load();
    private static readonly Dictionary<string, ushort[]> CodesByName = Known
        .Where(e => (e.Flags & EventFlags.Unused) == 0)
        .GroupBy(e => e.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal);

    /// <summary>The description of <paramref name="code"/>, or null when the code is newer than the table.</summary>
    public static EventInfo? TryGet(ushort code) => code < Known.Length ? Known[code] : null;

    /// <summary>The description of a code the table is known to hold.</summary>
    public static EventInfo Get(ushort code) => Known[code];

    /// <summary>All event codes whose type name is <paramref name="name"/> (enter and exit, every version).</summary>
    public static IReadOnlyList<ushort> CodesNamed(string name) =>
        CodesByName.TryGetValue(name, out var codes) ? codes : [];

    /// <summary>Whether parameter lengths of <paramref name="code"/> are u32 (decided by the type, never by the block type).</summary>
    /// <remarks>
    /// Called for every event read, so it compares constants instead of loading the table: plugin events (322) and
    /// container JSON (324) are the old table's only large-payload types, async events (402) the newer drivers' only
    /// addition. A test keeps this in step with the table.
    /// </remarks>
    public static bool HasLargePayload(ushort code) => code is PluginEvent or ContainerJson2 or AsyncEvent;

    private static EventInfo[] Load()
    {
        var table = new EventInfo[KnownCodeLimit];
        foreach (var row in SchemaResource.ReadRows("events.tsv"))
        {
            var code = ushort.Parse(row[0], CultureInfo.InvariantCulture);
            var parameters = new ParamInfo[row.Length - 4];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = ParseParam(row[4 + i]);
            }

            table[code] = new EventInfo(
                code,
                row[1],
                (EventCategory)ushort.Parse(row[2], CultureInfo.InvariantCulture),
                (EventFlags)uint.Parse(row[3], CultureInfo.InvariantCulture),
                parameters);
        }

        for (var i = 0; i < table.Length; i++)
        {
            if (table[i] is null)
            {
                throw new InvalidOperationException($"events.tsv has no row for event code {i}");
            }
        }

        return table;
    }

    // A parameter cell is "name:type:format:info"; info is a flag table name, "dyn:NAME", "dirfd=N" or empty.
    private static ParamInfo ParseParam(string cell)
    {
        var parts = cell.Split(':', 4);
        var info = parts[3];
        var dirFd = -1;
        string? flagTable = null;
        if (info.StartsWith("dirfd=", StringComparison.Ordinal))
        {
            dirFd = int.Parse(info.AsSpan(6), CultureInfo.InvariantCulture);
        }
        else if (info.Length > 0)
        {
            flagTable = info;
        }

        return new ParamInfo(
            parts[0],
            (ParamType)byte.Parse(parts[1], CultureInfo.InvariantCulture),
            (PrintFormat)byte.Parse(parts[2], CultureInfo.InvariantCulture),
            flagTable,
            dirFd);
    }
}
