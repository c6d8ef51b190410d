using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Analysis.Summaries;

/// <summary>
/// Builds a <see cref="Summary"/> in one streaming pass: feed every event of an <see cref="EventPipeline"/> run with
/// internal events included. Aggregates are per key with bounded memory; lists of new processes and per-second
/// counts are capped.
/// </summary>
public sealed class SummaryBuilder
{
    private const int MaxNewProcesses = 1000;
    private const int MaxSeconds = 100_000;
    private readonly BoundedCounter<(string, long)> _syscalls = new();
    private readonly Dictionary<(string, long), double> _cpu = [];
    private readonly BoundedCounter<(string, long)> _procFile = new();
    private readonly BoundedCounter<(string, long)> _procNet = new();
    private readonly BoundedCounter<string> _fileRead = new();
    private readonly BoundedCounter<string> _fileWrite = new();
    private readonly BoundedCounter<(string Proto, string Name)> _connIn = new();
    private readonly BoundedCounter<(string Proto, string Name)> _connOut = new();
    private readonly Dictionary<(string, string), (string Container, string? Pod)> _connOwner = [];
    private readonly BoundedCounter<string> _errors = new(10_000);
    private readonly BoundedCounter<(string, string)> _errorSyscalls = new();
    private readonly List<NewProcess> _newProcesses = [];
    private readonly Dictionary<(long Tid, long Fd), ListeningServer> _servers = [];
    private readonly Dictionary<(ulong, string), long> _perSecond = [];
    private long _events;
    private ulong _first;
    private ulong _last;
    private bool _sawFirst;

    /// <summary>Adds one event (call from the pipeline's sink).</summary>
    public void Add(ref EventContext ctx)
    {
        var ts = ctx.Event.Timestamp;
        var info = ctx.Info;
        var isContainerEvent = EventCodes.IsContainer(ctx.Type);
        if (!isContainerEvent)
        {
            _first = ctx.Engine.FirstEventTimestamp;
            _last = ts;
        }

        if (!_sawFirst && !isContainerEvent)
        {
            _sawFirst = true;
            CollectServers(ctx.Engine);
        }

        var thread = ctx.Thread;
        if (ctx.Type == EventCodes.ProcInfo)
        {
            AddCpu(ref ctx, thread);
            return;
        }

        if (info.IsInternal)
        {
            return;
        }

        _events++;
        var container = thread is null ? "host" : thread.ContainerId.Length == 0 ? "host" : thread.ContainerId;
        var second = ts / 1_000_000_000;
        if (_perSecond.Count < MaxSeconds || _perSecond.ContainsKey((second, container)))
        {
            _perSecond[(second, container)] = _perSecond.GetValueOrDefault((second, container)) + 1;
        }

        if (thread is not null)
        {
            _syscalls.Add((thread.Comm, thread.Pid), 1);
        }

        if (!ctx.IsEnter && ctx.ParamCount > 0 && EventFields.ResultIndex(ref ctx) is var ri and >= 0 && ctx.ParamInt64(ri) < 0)
        {
            var res = ctx.ParamInt64(ri);
            var name = Text.ErrnoNames.Get(-(int)res) ?? res.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _errors.Add(name, 1);
            _errorSyscalls.Add((name, EventFields.TypeName(ref ctx)), 1);
        }

        if ((info.Flags & (EventFlags.ReadsFromFd | EventFlags.WritesToFd)) != 0)
        {
            AddIo(ref ctx, thread, container);
        }

        if (EventCodes.IsExecveExit(ctx.Type) && thread is not null && ctx.ParamInt64(0) >= 0 && _newProcesses.Count < MaxNewProcesses)
        {
            var ancestors = new List<string>();
            var seen = new HashSet<long> { thread.Tid };
            for (var p = ctx.Engine.Threads.Find(thread.MainThread?.Ptid ?? -1); p is not null && seen.Add(p.Tid); p = ctx.Engine.Threads.Find(p.Ptid))
            {
                ancestors.Add(p.CommandLine);
            }

            _newProcesses.Add(new NewProcess(ts, thread.Pid, thread.CommandLine, thread.Exe + " " + string.Join(' ', thread.Args),
                ctx.Engine.FindUser(thread.Uid)?.Name ?? "<NA>", container, ancestors));
        }

        if (ctx.Type == EventCodes.BindX && ctx.Fd is { IsServerSocket: true } bound && thread is not null)
        {
            AddServer(bound, thread, thread.LastEventFd, during: true);
        }
    }

    public Summary Build() => new()
    {
        Events = _events,
        FirstTimestamp = _first,
        LastTimestamp = _last,
        TopProcessesBySyscalls = [.. _syscalls.Top(10).Select(kv => new ProcessCount(kv.Key.Item1, kv.Key.Item2, kv.Value))],
        TopProcessesByCpu = [.. _cpu.OrderByDescending(kv => kv.Value).Take(10)
            .Select(kv => new ProcessCpu(kv.Key.Item1, kv.Key.Item2, _last > _first ? kv.Value * 10_000_000 / (_last - _first) * 100 : 0))],
        TopProcessesByFileBytes = [.. _procFile.Top(10).Select(kv => new ProcessCount(kv.Key.Item1, kv.Key.Item2, kv.Value))],
        TopProcessesByNetworkBytes = [.. _procNet.Top(100).Select(kv => new ProcessCount(kv.Key.Item1, kv.Key.Item2, kv.Value))],
        TopFiles = [.. Merge(_fileRead, _fileWrite).OrderByDescending(f => f.Total).Take(10).Select(f => new FileBytes(f.Key, f.Total, f.In, f.Out))],
        TopConnections = [.. Merge(_connIn, _connOut).OrderByDescending(c => c.Total).Take(30).Select(c =>
        {
            var owner = _connOwner.GetValueOrDefault(c.Key);
            return new ConnectionBytes(c.Key.Proto, c.Key.Name, c.Total, c.In, c.Out, owner.Container ?? "host", owner.Pod);
        })],
        NewProcesses = _newProcesses,
        FailedSyscalls = [.. _errors.Top(20).Select(kv => new ErrorCount(kv.Key, kv.Value,
            [.. _errorSyscalls.Top(int.MaxValue).Where(s => s.Key.Item1 == kv.Key).Take(5).Select(s => s.Key.Item2)]))],
        ListeningServers = [.. _servers.Values.OrderBy(s => s.Pid).ThenBy(s => s.Tid).ThenBy(s => s.Address, StringComparer.Ordinal)],
        EventsPerSecondByContainer = [.. _perSecond.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => new ContainerSecond(kv.Key.Item1, kv.Key.Item2, kv.Value))],
    };

    private static IEnumerable<(TKey Key, long Total, long In, long Out)> Merge<TKey>(BoundedCounter<TKey> inbound, BoundedCounter<TKey> outbound)
        where TKey : notnull
    {
        var keys = inbound.Top(int.MaxValue).Select(kv => kv.Key).Concat(outbound.Top(int.MaxValue).Select(kv => kv.Key)).Distinct();
        foreach (var k in keys)
        {
            var i = inbound.Get(k);
            var o = outbound.Get(k);
            yield return (k, i + o, i, o);
        }
    }

    // sysdig's thread.cpu: ticks since this thread's previous procinfo, capped at 100, summed per process.
    private void AddCpu(ref EventContext ctx, ThreadInfo? thread)
    {
        if (thread is null || ctx.ParamCount < 2)
        {
            return;
        }

        var ticks = ParamReader.UInt64(ctx.Param(0)) + ParamReader.UInt64(ctx.Param(1));
        double delta = 0;
        if (thread.LastCpuTicks != 0)
        {
            delta = Math.Min(100, (double)(ticks - thread.LastCpuTicks));
        }

        thread.LastCpuTicks = ticks;
        var key = (thread.Comm, thread.Pid);
        _cpu[key] = _cpu.GetValueOrDefault(key) + delta;
    }

    private void AddIo(ref EventContext ctx, ThreadInfo? thread, string container)
    {
        if (FdFields.Resolve(ref ctx, out _) is not { } fd || ctx.ParamIndex("res") is not (var ri and >= 0))
        {
            return;
        }

        var bytes = ctx.ParamInt64(ri);
        if (bytes <= 0)
        {
            return;
        }

        var write = (ctx.Info.Flags & EventFlags.WritesToFd) != 0;
        var name = Text.CText.Sanitize(fd.Name);
        if (fd.Type is FdType.File or FdType.FileV2)
        {
            (write ? _fileWrite : _fileRead).Add(name, bytes);
            if (thread is not null)
            {
                _procFile.Add((thread.Comm, thread.Pid), bytes);
            }
        }
        else if (fd.Type is FdType.IPv4Socket or FdType.IPv4ServerSocket or FdType.IPv6Socket or FdType.IPv6ServerSocket)
        {
            var proto = fd.EffectiveL4Proto switch
            {
                L4Protocol.Tcp => "tcp",
                L4Protocol.Udp => "udp",
                L4Protocol.Icmp => "icmp",
                L4Protocol.Raw => "raw",
                _ => "<NA>",
            };
            (write ? _connOut : _connIn).Add((proto, name), bytes);
            if (!_connOwner.ContainsKey((proto, name)) && _connOwner.Count < 50_000)
            {
                string? pod = null;
                if (thread is not null && ctx.Engine.Containers.Find(thread.ContainerId) is { } info)
                {
                    pod = info.Labels.GetValueOrDefault("io.kubernetes.pod.name");
                }

                _connOwner[(proto, name)] = (container, pod);
            }

            if (thread is not null)
            {
                _procNet.Add((thread.Comm, thread.Pid), bytes);
            }
        }
    }

    private void CollectServers(StateEngine engine)
    {
        foreach (var t in engine.Threads.All)
        {
            if (t.FdTable is not { } fds)
            {
                continue;
            }

            foreach (var (num, fd) in fds)
            {
                if (fd.IsServerSocket)
                {
                    AddServer(fd, t, num, during: false);
                }
            }
        }
    }

    private void AddServer(FdInfo fd, ThreadInfo t, long number, bool during)
    {
        var proto = fd.EffectiveL4Proto switch
        {
            L4Protocol.Tcp => "tcp",
            L4Protocol.Udp => "udp",
            L4Protocol.Icmp => "icmp",
            L4Protocol.Raw => "raw",
            _ => "<NA>",
        };
        var address = FdInfo.Endpoint(fd.SourceIp, fd.SourcePort);
        _servers[(t.Tid, number)] = new ListeningServer(proto, address, t.Tid, t.Pid, t.Comm, during);
    }
}
