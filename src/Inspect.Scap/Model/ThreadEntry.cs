namespace Inspect.Scap.Model;

/// <summary>
/// One thread of the process-list block. Lists (args, env, cgroups) are kept as the raw NUL-terminated bytes the
/// file holds, so a rewrite is byte-exact; <see cref="NulSeparated"/> splits them.
/// </summary>
public sealed record ThreadEntry
{
    public long Tid { get; init; }

    public long Pid { get; init; }

    public long Ptid { get; init; }

    public long Sid { get; init; } = -1;

    public long Vpgid { get; init; } = -1;

    /// <summary><c>/proc/pid/comm</c>, what sysdig shows as <c>proc.name</c>.</summary>
    public string Comm { get; init; } = "";

    /// <summary>argv[0] as given.</summary>
    public string Exe { get; init; } = "";

    /// <summary>Full executable path (process lists V7 and later).</summary>
    public string ExePath { get; init; } = "";

    /// <summary>argv[1..], each terminated by NUL.</summary>
    public byte[] Args { get; init; } = [];

    public string Cwd { get; init; } = "";

    public long FdLimit { get; init; }

    /// <summary>PPM_CL_* bits.</summary>
    public uint Flags { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public uint VmSizeKb { get; init; }

    public uint VmRssKb { get; init; }

    public uint VmSwapKb { get; init; }

    public ulong PageFaultsMajor { get; init; }

    public ulong PageFaultsMinor { get; init; }

    /// <summary><c>K=V</c> strings, each terminated by NUL.</summary>
    public byte[] Env { get; init; } = [];

    public long Vtid { get; init; } = -1;

    public long Vpid { get; init; } = -1;

    /// <summary><c>subsys=path</c> strings, each terminated by NUL.</summary>
    public byte[] Cgroups { get; init; } = [];

    public string Root { get; init; } = "";

    /// <summary>Audit login uid; -1 when unset or absent.</summary>
    public int LoginUid { get; init; } = -1;

    public bool ExeWritable { get; init; }

    /// <summary>
    /// The entry ended with the tail layout of libs ≥ 0.10 (pid-namespace start and tty before loginuid), which
    /// sysdig 0.29.3 misreads; false for the older layouts and for entries this library writes.
    /// </summary>
    public bool HasNewLayoutTail { get; init; }

    /// <summary>Newer writers only (libs ≥ 0.10): start time of the pid namespace's init.</summary>
    public ulong PidNsInitStartTs { get; init; }

    /// <summary>Newer writers only: controlling terminal.</summary>
    public uint Tty { get; init; }

    public ulong CapInheritable { get; init; }

    public ulong CapPermitted { get; init; }

    public ulong CapEffective { get; init; }

    /// <summary>Splits a NUL-terminated list (args, env, cgroups) into strings.</summary>
    public static IReadOnlyList<string> NulSeparated(ReadOnlySpan<byte> list)
    {
        var items = new List<string>();
        while (!list.IsEmpty)
        {
            var end = list.IndexOf((byte)0);
            var item = end < 0 ? list : list[..end];
            items.Add(System.Text.Encoding.UTF8.GetString(item));
            list = end < 0 ? [] : list[(end + 1)..];
        }

        return items;
    }

    /// <summary>Joins strings into a NUL-terminated list, the inverse of <see cref="NulSeparated"/>.</summary>
    public static byte[] ToNulSeparated(IEnumerable<string> items)
    {
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(item);
            buffer.Write(bytes);
            buffer.WriteByte(0);
        }

        return buffer.ToArray();
    }
}
