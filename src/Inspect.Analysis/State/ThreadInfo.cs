namespace Inspect.Analysis.State;

/// <summary>
/// One thread as the state engine knows it: identity, the process it belongs to, its command line, credentials,
/// container and open file descriptors. Threads of one process share the main thread's fd table when cloned with
/// CLONE_FILES, and always its working directory.
/// </summary>
public sealed class ThreadInfo
{
    internal const uint CloneFiles = 1u << 0;
    internal const uint CloneThread = 1u << 13;
    internal const uint CloneInverted = 1u << 16;
    internal const uint Closed = 1u << 18;
    internal const uint IsMainThreadFlag = 1u << 30;
    internal const uint ChildInPidNs = 1u << 29;

    private readonly ThreadTable _table;
    private Dictionary<long, FdInfo> _fds = [];

    internal ThreadInfo(ThreadTable table, long tid)
    {
        _table = table;
        Tid = tid;
    }

    public long Tid { get; internal set; }

    public long Pid { get; internal set; }

    public long Ptid { get; internal set; } = -1;

    public long Sid { get; internal set; }

    public long Vpgid { get; internal set; }

    public long Vtid { get; internal set; } = -1;

    public long Vpid { get; internal set; } = -1;

    /// <summary><c>proc.name</c>: the kernel's comm.</summary>
    public string Comm { get; internal set; } = "";

    /// <summary><c>proc.exe</c>: argv[0].</summary>
    public string Exe { get; internal set; } = "";

    public string ExePath { get; internal set; } = "";

    public IReadOnlyList<string> Args { get; internal set; } = [];

    public IReadOnlyList<string> Env { get; internal set; } = [];

    /// <summary>(subsystem, path) pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Cgroups { get; internal set; } = [];

    public string Root { get; internal set; } = "";

    /// <summary>The working directory as stored on this thread (use <see cref="Cwd"/>, which follows the main thread).</summary>
    internal string OwnCwd { get; set; } = "";

    public long FdLimit { get; internal set; }

    public uint Flags { get; internal set; }

    public uint Uid { get; internal set; } = uint.MaxValue;

    public uint Gid { get; internal set; } = uint.MaxValue;

    public uint LoginUid { get; internal set; } = uint.MaxValue;

    public int Tty { get; internal set; }

    public uint VmSizeKb { get; internal set; }

    public uint VmRssKb { get; internal set; }

    public uint VmSwapKb { get; internal set; }

    public ulong PageFaultsMajor { get; internal set; }

    public ulong PageFaultsMinor { get; internal set; }

    public bool ExeWritable { get; internal set; }

    /// <summary>Container id (12 hex characters), or empty for the host.</summary>
    public string ContainerId { get; internal set; } = "";

    /// <summary>Threads (not the main one) of this process currently in the table.</summary>
    public long ChildThreads { get; internal set; }

    /// <summary>Created for an unknown tid seen in an event (sysdig's "&lt;NA&gt;" placeholder).</summary>
    public bool IsPlaceholder { get; internal set; }

    public ulong CloneTimestamp { get; internal set; }

    // Per-event parsing state (sysdig's m_lastevent_*).
    internal long LastEventFd { get; set; } = -1;

    internal int LastEventType { get; set; } = -1;

    /// <summary>The last stored enter event, kept for the exit that follows it.</summary>
    internal Events.StoredEvent? StoredEnter { get; set; }

    internal bool StoredEnterPresent { get; set; }

    internal ulong Latency { get; set; }

    internal ulong LastLatencyEnterTime { get; set; }

    // procinfo CPU accounting (ticks) for summaries.
    internal ulong LastCpuTicks { get; set; }

    internal ulong LastProcInfoTime { get; set; }

    public bool IsMainThread => Tid == Pid || (Flags & IsMainThreadFlag) != 0;

    /// <summary>The main thread of this thread's process, or null when it is not in the table.</summary>
    public ThreadInfo? MainThread => IsMainThread ? this : _table.Find(Pid);

    /// <summary>The thread that started this one (by ptid), or null.</summary>
    public ThreadInfo? Parent => _table.Find(Ptid);

    /// <summary>The working directory (the main thread's), with a trailing '/'.</summary>
    public string Cwd => MainThread?.OwnCwd ?? "./";

    /// <summary>The fd table this thread uses (the main thread's when fds are shared).</summary>
    public Dictionary<long, FdInfo>? FdTable => (Flags & CloneFiles) == 0 ? _fds : MainThread?._fds;

    internal Dictionary<long, FdInfo> OwnFds
    {
        get => _fds;
        set => _fds = value;
    }

    public FdInfo? GetFd(long fd) => fd < 0 ? null : FdTable?.GetValueOrDefault(fd);

    internal FdInfo AddFd(long fd, FdInfo info)
    {
        var table = FdTable;
        if (table is not null)
        {
            table[fd] = info;
        }

        LastEventFd = fd;
        return info;
    }

    internal void RemoveFd(long fd) => FdTable?.Remove(fd);

    /// <summary>Sets the working directory, resolving a relative path against the current one (sysdig keeps a trailing '/').</summary>
    internal void SetCwd(string path)
    {
        var main = MainThread;
        if (main is null)
        {
            return;
        }

        var joined = Text.PathText.Join(main.OwnCwd, path);
        main.OwnCwd = joined.EndsWith('/') ? joined : joined + "/";
    }

    /// <summary>proc.cmdline: comm followed by the arguments.</summary>
    public string CommandLine => Args.Count == 0 ? Comm : Comm + " " + string.Join(' ', Args);

    public override string ToString() => $"{Comm}({Tid})";
}
