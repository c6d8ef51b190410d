using Inspect.Analysis.Events;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Analysis.State;

/// <summary>
/// Rebuilds what sysdig 0.29 knows at each event of a capture: threads (from the process list, clone, execve and
/// exit), their fds (from the fd list and the calls that create, change and close them), users, interfaces and
/// containers. Feed it the metadata blocks of each section, then every event in order through
/// <see cref="BeginEvent"/>, <see cref="Parse"/> and <see cref="EndEvent"/>.
/// </summary>
public sealed partial class StateEngine
{
    private readonly Dictionary<uint, UserEntry> _users = [];
    private readonly Dictionary<uint, GroupEntry> _groups = [];
    private readonly HashSet<ushort> _serverPorts = [];
    private long _tidToRemove = -1;
    private long _tidOfFdsToRemove = -1;
    private readonly List<long> _fdsToRemove = [];
    private bool _metadataDone;

    public ThreadTable Threads { get; } = new();

    public ContainerResolver Containers { get; } = new();

    public InterfaceTable Interfaces { get; } = new();

    public IReadOnlyDictionary<uint, UserEntry> Users => _users;

    public IReadOnlyDictionary<uint, GroupEntry> Groups => _groups;

    /// <summary>Timestamp of the first event that is not container metadata (evt.reltime counts from it).</summary>
    public ulong FirstEventTimestamp { get; private set; }

    /// <summary>A new section (or concatenated capture) starts: sysdig restarts with empty state.</summary>
    public void StartSection()
    {
        Threads.Clear();
        Containers.Clear();
        Interfaces.Clear();
        _users.Clear();
        _groups.Clear();
        _serverPorts.Clear();
        _tidToRemove = -1;
        _fdsToRemove.Clear();
        _metadataDone = false;
    }

    public void LoadUsers(UserList list)
    {
        foreach (var u in list.Users)
        {
            _users[u.Uid] = u;
        }

        foreach (var g in list.Groups)
        {
            _groups[g.Gid] = g;
        }
    }

    public void LoadInterfaces(IReadOnlyList<InterfaceEntry> entries) => Interfaces.Load(entries);

    public void LoadProcessList(IReadOnlyList<ThreadEntry> threads)
    {
        foreach (var e in threads)
        {
            var t = Threads.New(e.Tid);
            t.Pid = e.Pid;
            t.Ptid = e.Ptid;
            t.Sid = e.Sid;
            t.Vpgid = e.Vpgid;
            t.Comm = e.Comm;
            t.Exe = e.Exe;
            t.ExePath = e.ExePath;
            t.ExeWritable = e.ExeWritable;
            t.Args = SplitList(e.Args);
            t.Flags = e.Flags | ActiveFlag;
            t.FdLimit = e.FdLimit;
            t.Uid = e.Uid;
            t.Gid = e.Gid;
            t.VmSizeKb = e.VmSizeKb;
            t.VmRssKb = e.VmRssKb;
            t.VmSwapKb = e.VmSwapKb;
            t.PageFaultsMajor = e.PageFaultsMajor;
            t.PageFaultsMinor = e.PageFaultsMinor;
            t.Vtid = e.Vtid;
            t.Vpid = e.Vpid;
            t.Tty = 0; // sysdig 0.29 does not read the terminal from process lists.
            // sysdig 0.29 knows only the old tail layout: on newer files it takes the low half of pidns_init_start_ts as the login uid.
            t.LoginUid = e.HasNewLayoutTail ? unchecked((uint)e.PidNsInitStartTs) : unchecked((uint)e.LoginUid);
            t.Root = e.Root;
            t.Cgroups = SplitCgroups(e.Cgroups);
            Threads.Add(t, fromProcessList: true);
            if (t.IsMainThread)
            {
                t.Env = SplitList(e.Env);
                t.SetCwd(e.Cwd);
            }

            Containers.Resolve(t);
        }
    }

    public void LoadFdList(FdTable table)
    {
        var t = Threads.Find(table.Tid);
        if (t is null)
        {
            return;
        }

        foreach (var e in table.Entries)
        {
            var fd = FromScap(e);
            if (fd is not null)
            {
                t.OwnFds[e.Fd] = fd;
                if (fd.IsServerSocket)
                {
                    NoteServerPort(fd.SourcePort);
                }
            }
        }
    }

    /// <summary>Which user a uid is, when the capture's user list names it.</summary>
    public UserEntry? FindUser(uint uid) => uid == uint.MaxValue ? null : _users.GetValueOrDefault(uid);

    public GroupEntry? FindGroup(uint gid) => gid == uint.MaxValue ? null : _groups.GetValueOrDefault(gid);

    /// <summary>Whether <paramref name="address"/> is one of this machine's (or the thread's container's).</summary>
    public bool IsLocal(NetAddress address, ThreadInfo thread) => Interfaces.IsLocal(address, thread, Containers);

    /// <summary>
    /// Starts an event: applies removals left by the previous event, then attaches the thread and fd (sysdig's reset).
    /// </summary>
    public void BeginEvent(ref EventContext ctx)
    {
        if (!_metadataDone)
        {
            FinishMetadata();
        }

        var type = ctx.Type;
        if (FirstEventTimestamp == 0 && !EventCodes.IsContainer(type))
        {
            FirstEventTimestamp = ctx.Event.Timestamp;
        }

        if (_tidToRemove != -1)
        {
            RemoveThread(_tidToRemove, force: false);
            _tidToRemove = -1;
        }

        if (_fdsToRemove.Count != 0)
        {
            var owner = Threads.GetOrCreatePlaceholder(_tidOfFdsToRemove);
            foreach (var fd in _fdsToRemove)
            {
                owner.RemoveFd(fd);
            }

            _fdsToRemove.Clear();
        }

        ctx.ResetOk = Reset(ref ctx);
    }

    /// <summary>The event failed a filter before being parsed: sysdig forgets the enter it belonged to.</summary>
    public static void MarkFilteredOut(ref EventContext ctx)
    {
        var t = ctx.ParsedThread;
        if (t is not null && (ctx.Info.Flags & EventFlags.SkipParseReset) == 0 && ctx.Type != EventCodes.Switch)
        {
            t.LastEventType = EventTable.KnownCodeLimit;
        }
    }

    /// <summary>Finishes an event that was not filtered out: the stored enter is dropped after its exit.</summary>
    public static void EndEvent(ref EventContext ctx)
    {
        var t = ctx.ParsedThread;
        if (!ctx.IsEnter && t is not null)
        {
            t.StoredEnterPresent = false;
        }
    }

    private const uint ActiveFlag = 1u << 19;

    private void FinishMetadata()
    {
        _metadataDone = true;
        Threads.LinkChildren();

        // Connections read from /proc do not say who is the server: a local listening port decides.
        foreach (var t in Threads.All)
        {
            foreach (var fd in t.OwnFds.Values)
            {
                if (fd.Type != FdType.IPv4Socket)
                {
                    continue;
                }

                if (_serverPorts.Contains(fd.SourcePort))
                {
                    (fd.SourceIp, fd.DestIp) = (fd.DestIp, fd.SourceIp);
                    (fd.SourcePort, fd.DestPort) = (fd.DestPort, fd.SourcePort);
                    fd.Name = fd.TupleText();
                    fd.Role = FdRole.Server;
                }
                else
                {
                    fd.Role = FdRole.Client;
                }
            }
        }
    }

    private bool Reset(ref EventContext ctx)
    {
        var type = ctx.Type;
        var flags = ctx.Info.Flags;
        ctx.Fd = null;
        if ((flags & EventFlags.SkipParseReset) != 0)
        {
            ctx.ParsedThread = type == EventCodes.ProcInfo ? Threads.Find(ctx.Event.ThreadId) : null;
            return false;
        }

        if (EventCodes.IsContainer(type))
        {
            ctx.ParsedThread = null;
            return true;
        }

        var queryOs = !(EventCodes.IsCloneExit(type) || type == EventCodes.Switch);
        var t = queryOs ? Threads.GetOrCreatePlaceholder(ctx.Event.ThreadId) : Threads.Find(ctx.Event.ThreadId);
        ctx.ParsedThread = t;
        if (type == EventCodes.Switch || t is null)
        {
            return false;
        }

        t.Flags |= ActiveFlag;
        var ts = ctx.Event.Timestamp;
        if (ctx.IsEnter)
        {
            t.LastEventFd = -1;
            t.LastEventType = type;
            if ((flags & EventFlags.UsesFd) != 0 && ctx.ParamCount > 0)
            {
                t.LastEventFd = ctx.ParamInt64(0);
                ctx.Fd = t.GetFd(t.LastEventFd);
            }

            t.Latency = 0;
            t.LastLatencyEnterTime = ts;
            return true;
        }

        if (t.LastLatencyEnterTime != 0)
        {
            t.Latency = ts - t.LastLatencyEnterTime;
        }

        if (type != t.LastEventType + 1)
        {
            t.StoredEnterPresent = false;
            return false;
        }

        if ((flags & EventFlags.UsesFd) != 0)
        {
            if (type == EventCodes.CopyFileRangeX && ctx.ParamCount > 1)
            {
                t.LastEventFd = ctx.ParamInt64(1);
            }

            ctx.Fd = t.GetFd(t.LastEventFd);
            if (ctx.Fd is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies the event to the state (sysdig's parsers), after <see cref="BeginEvent"/>.</summary>
    public void Parse(ref EventContext ctx)
    {
        switch (ParseSteps.For(ctx.Type))
        {
            case ParseStep.None:
                break;
            case ParseStep.SendToEnter:
                InferSendToSocket(ref ctx);
                StoreEnter(ref ctx);
                break;
            case ParseStep.StoreEnter:
                StoreEnter(ref ctx);
                break;
            case ParseStep.FcntlEnter:
                if (ctx.ParamCount > 1 && ctx.Param(1) is { Length: > 0 } cmd && cmd[0] is 1 or 2)
                {
                    StoreEnter(ref ctx);
                }

                break;
            case ParseStep.ConnectEnter:
                ParseConnectEnter(ref ctx);
                break;
            case ParseStep.CloseEnter:
                if (ctx.ParsedThread is { } ct && ct.GetFd(ct.LastEventFd) is { } closing)
                {
                    ctx.Fd = closing;
                    closing.CloseInProgress = true;
                }

                break;
            case ParseStep.CloseExit:
                ParseCloseExit(ref ctx);
                break;
            case ParseStep.SocketExit:
                ParseSocketExit(ref ctx);
                break;
            case ParseStep.BindExit:
                ParseBindExit(ref ctx);
                break;
            case ParseStep.ConnectExit:
                ParseConnectExit(ref ctx);
                break;
            case ParseStep.PipeExit:
                ParsePipeExit(ref ctx);
                break;
            case ParseStep.SocketPairExit:
                ParseSocketPairExit(ref ctx);
                break;
            case ParseStep.DupExit:
                ParseDupExit(ref ctx);
                break;
            case ParseStep.FcntlExit:
                ParseFcntlExit(ref ctx);
                break;
            case ParseStep.EventFdExit:
                AddSimpleFd(ref ctx, FdType.Event);
                break;
            case ParseStep.SignalFdExit:
                AddSimpleFd(ref ctx, FdType.SignalFd);
                break;
            case ParseStep.TimerFdExit:
                AddSimpleFd(ref ctx, FdType.TimerFd);
                break;
            case ParseStep.InotifyExit:
                AddSimpleFd(ref ctx, FdType.Inotify);
                break;
            case ParseStep.ChdirExit:
                if (ctx.ParsedThread is { } cdt && ctx.ParamCount > 1 && ctx.ParamInt64(0) >= 0)
                {
                    cdt.SetCwd(Text.CText.CString(ctx.Param(1)));
                }

                break;
            case ParseStep.FchdirExit:
                if (ctx.ParsedThread is { } fdt && ctx.Fd is { } dir && ctx.ParamInt64(0) >= 0)
                {
                    fdt.SetCwd(dir.Name);
                }

                break;
            case ParseStep.ProcExit:
                if (ctx.ParsedThread is { } exiting)
                {
                    exiting.Flags |= ThreadInfo.Closed;
                    _tidToRemove = exiting.Tid;
                }

                break;
            case ParseStep.Switch:
                ParseContextSwitch(ref ctx);
                break;
            case ParseStep.MemoryExit:
                if (ctx.ParsedThread is { } mt && ctx.ParamCount >= 4)
                {
                    mt.VmSizeKb = ctx.ParamUInt32(1);
                    mt.VmRssKb = ctx.ParamUInt32(2);
                    mt.VmSwapKb = ctx.ParamUInt32(3);
                }

                break;
            case ParseStep.SetIdExit:
                ParseSetIdExit(ref ctx);
                break;
            case ParseStep.ChrootExit:
                if (ctx.ParsedThread is { } rt && ctx.ParamCount > 1 && ctx.ParamInt64(0) >= 0)
                {
                    rt.Root = Text.CText.CString(ctx.Param(1));
                }

                break;
            case ParseStep.SetSidExit:
                if (ctx.ParsedThread is { } st && ctx.ParamCount > 0 && ctx.ParamInt64(0) >= 0)
                {
                    st.Sid = ctx.ParamInt64(0);
                }

                break;
            case ParseStep.ContainerJson:
                if (ctx.ParamCount > 0)
                {
                    Containers.AddFromJson(Text.CText.CString(ctx.Param(0)));
                }

                break;
            case ParseStep.ReadWriteExit:
                ParseReadWriteExit(ref ctx);
                break;
            case ParseStep.OpenExit:
                ParseOpenExit(ref ctx);
                break;
            case ParseStep.AcceptExit:
                ParseAcceptExit(ref ctx);
                break;
            case ParseStep.CloneExit:
                ParseCloneExit(ref ctx);
                break;
            case ParseStep.ExecveExit:
                ParseExecveExit(ref ctx);
                break;
        }
    }

    private static void StoreEnter(ref EventContext ctx)
    {
        var t = ctx.ParsedThread;
        if (t is null)
        {
            return;
        }

        t.StoredEnter ??= new StoredEvent();
        t.StoredEnter.CopyFrom(ctx.Event, ctx.Info);
        t.StoredEnterPresent = true;
    }

    /// <summary>The enter event of this exit, when sysdig still has it.</summary>
    private static StoredEvent? RetrieveEnter(ref EventContext ctx)
    {
        var t = ctx.ParsedThread;
        if (t is null || !t.StoredEnterPresent || t.StoredEnter is null)
        {
            return null;
        }

        if (t.StoredEnter.Type != ctx.Type - 1)
        {
            t.StoredEnterPresent = false;
            return null;
        }

        return t.StoredEnter;
    }

    private void RemoveThread(long tid, bool force)
    {
        var t = Threads.Find(tid);
        if (t is null)
        {
            return;
        }

        Threads.Remove(tid, force);
    }

    private static FdInfo? FromScap(FdEntry e)
    {
        var fd = new FdInfo { Type = e.Type, Ino = e.Ino };
        switch (e.Type)
        {
            case FdType.IPv4Socket:
                fd.SourceIp = NetAddress.From(e.SourceIp!);
                fd.DestIp = NetAddress.From(e.DestIp!);
                fd.SourcePort = e.SourcePort;
                fd.DestPort = e.DestPort;
                fd.L4Proto = e.L4Proto;
                fd.Connected = e.L4Proto == L4Protocol.Tcp;
                fd.Name = $"{FdInfo.Endpoint(fd.SourceIp, fd.SourcePort)}->{FdInfo.Endpoint(fd.DestIp, fd.DestPort)}";
                break;
            case FdType.IPv6Socket:
                {
                    var s = e.SourceIp!.GetAddressBytes();
                    var d = e.DestIp!.GetAddressBytes();
                    fd.SourcePort = e.SourcePort;
                    fd.DestPort = e.DestPort;
                    fd.L4Proto = e.L4Proto;
                    fd.Connected = e.L4Proto == L4Protocol.Tcp;
                    if (NetAddress.IsV4Mapped(s) && NetAddress.IsV4Mapped(d))
                    {
                        fd.Type = FdType.IPv4Socket;
                        fd.SourceIp = NetAddress.V4(s.AsSpan(12));
                        fd.DestIp = NetAddress.V4(d.AsSpan(12));
                    }
                    else
                    {
                        fd.SourceIp = NetAddress.V6(s);
                        fd.DestIp = NetAddress.V6(d);
                    }

                    fd.Name = $"{FdInfo.Endpoint(fd.SourceIp, fd.SourcePort)}->{FdInfo.Endpoint(fd.DestIp, fd.DestPort)}";
                    break;
                }

            case FdType.IPv4ServerSocket or FdType.IPv6ServerSocket:
                fd.SourceIp = NetAddress.From(e.SourceIp!);
                fd.SourcePort = e.SourcePort;
                fd.L4Proto = e.L4Proto;
                fd.Name = FdInfo.Endpoint(fd.SourceIp, fd.SourcePort);
                break;
            case FdType.UnixSocket:
                fd.UnixSource = e.UnixSource;
                fd.UnixDest = e.UnixDest;
                fd.Name = e.Name;
                fd.Role = e.Name.Length == 0 ? FdRole.Client : FdRole.Server;
                break;
            case FdType.FileV2:
                fd.OpenFlags = e.OpenFlags;
                fd.Name = e.Name;
                fd.Dev = e.Dev ?? 0;
                break;
            case FdType.Fifo or FdType.File or FdType.Directory or FdType.Unsupported or FdType.SignalFd or FdType.EventPoll
                or FdType.Event or FdType.Inotify or FdType.TimerFd or FdType.Netlink:
                fd.Name = e.Name;
                break;
            default:
                return null;
        }

        return fd;
    }

    internal void NoteServerPort(ushort port) => _serverPorts.Add(port);

    private static List<string> SplitList(ReadOnlySpan<byte> list)
    {
        var items = new List<string>();
        var offset = 0;
        while (offset < list.Length)
        {
            var rest = list[offset..];
            var end = rest.IndexOf((byte)0);
            var item = end < 0 ? rest : rest[..end];
            items.Add(System.Text.Encoding.UTF8.GetString(item));
            offset += item.Length + 1;
        }

        return items;
    }

    private static List<KeyValuePair<string, string>> SplitCgroups(ReadOnlySpan<byte> list)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in SplitList(list))
        {
            var sep = entry.LastIndexOf('=');
            if (sep < 0)
            {
                return result;
            }

            var subsys = entry[..sep];
            var path = entry[(sep + 1)..];
            var pos = subsys.IndexOf("_cgroup", StringComparison.Ordinal);
            if (pos >= 0)
            {
                subsys = subsys.Remove(pos, "_cgroup".Length);
            }

            subsys = subsys switch
            {
                "perf" => "perf_event",
                "mem" => "memory",
                "io" => "blkio",
                _ => subsys,
            };
            result.Add(new(subsys, path));
        }

        return result;
    }
}
