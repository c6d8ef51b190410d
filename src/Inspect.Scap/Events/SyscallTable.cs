using System.Globalization;

namespace Inspect.Scap.Events;

/// <summary>
/// Names of the driver's portable syscall codes (PPM_SC_*), which generic syscall events (codes 0 and 1) carry in
/// their first parameter; sysdig prints the syscall's own name as the event type for them.
/// </summary>
public static class SyscallTable
{
    private static readonly SyscallInfo[] Known = SchemaResource.ReadRows("syscalls.tsv")
        .Select(r => new SyscallInfo(
            r[1],
            (EventCategory)ushort.Parse(r[2], CultureInfo.InvariantCulture),
            (EventFlags)uint.Parse(r[3], CultureInfo.InvariantCulture)))
        .ToArray();

    /// <summary>The syscall with portable code <paramref name="id"/>, or null when the code is out of range.</summary>
    public static SyscallInfo? TryGet(int id) => (uint)id < (uint)Known.Length ? Known[id] : null;
}

/// <summary>Name, category and flags of one syscall.</summary>
public sealed record SyscallInfo(string Name, EventCategory Category, EventFlags Flags);
