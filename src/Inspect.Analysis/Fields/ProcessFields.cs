using System.Globalization;
using Inspect.Analysis.Events;
using Inspect.Analysis.State;

namespace Inspect.Analysis.Fields;

/// <summary>The <c>proc.*</c> and <c>thread.*</c> family: the process and thread that generated the event.</summary>
public static class ProcessFields
{
    /// <summary>Every <c>proc.*</c> and <c>thread.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("proc.pid", FieldType.Int64, FieldFormat.Id, "id of the process generating the event",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.Pid) : FieldValue.Null),
        new("proc.exe", FieldType.CharBuf, FieldFormat.NotApplicable, "first command-line argument (argv[0]), usually the executable",
            static (ref EventContext c) => FieldValue.Of(c.Thread?.Exe)),
        new("proc.name", FieldType.CharBuf, FieldFormat.NotApplicable, "name of the executable (the kernel's comm)",
            static (ref EventContext c) => FieldValue.Of(c.Thread?.Comm)),
        new("proc.args", FieldType.CharBuf, FieldFormat.NotApplicable, "command-line arguments, space separated",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? string.Join(' ', t.Args) : null)),
        new("proc.env", FieldType.CharBuf, FieldFormat.NotApplicable, "environment variables, space separated",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? string.Join(' ', (t.MainThread ?? t).Env) : null)),
        new("proc.cmdline", FieldType.CharBuf, FieldFormat.NotApplicable, "proc.name followed by proc.args",
            static (ref EventContext c) => FieldValue.Of(c.Thread?.CommandLine)),
        new("proc.exeline", FieldType.CharBuf, FieldFormat.NotApplicable, "proc.exe followed by proc.args",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? t.Exe + " " + string.Join(' ', t.Args) : null)),
        new("proc.cwd", FieldType.CharBuf, FieldFormat.NotApplicable, "current working directory",
            static (ref EventContext c) => FieldValue.Of(c.Thread?.Cwd)),
        new("proc.nthreads", FieldType.UInt32, FieldFormat.Decimal, "threads of the process, the main one included",
            static (ref EventContext c) => c.Thread?.MainThread is { } m ? FieldValue.Of(m.ChildThreads + 1) : FieldValue.Null),
        new("proc.nchilds", FieldType.UInt32, FieldFormat.Decimal, "threads of the process, the main one excluded",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.ChildThreads) : FieldValue.Null),
        new("proc.ppid", FieldType.Int64, FieldFormat.Id, "pid of the parent process",
            static (ref EventContext c) => c.Thread?.MainThread is { } m ? FieldValue.Of(m.Ptid) : FieldValue.Null),
        new("proc.pname", FieldType.CharBuf, FieldFormat.NotApplicable, "name of the parent process",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.Threads.Find(t.Ptid)?.Comm : null)),
        new("proc.pcmdline", FieldType.CharBuf, FieldFormat.NotApplicable, "command line of the parent process",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.Threads.Find(t.Ptid)?.CommandLine : null)),
        new("proc.apid", FieldType.Int64, FieldFormat.Id, "pid of an ancestor: proc.apid[1] is the parent, [2] the grandparent; without an index (filters only) any ancestor matches",
            FieldFlags.OptionalIndex, static (d, a) => BindAncestor(d, a, pid: true)) { ArgumentSyntax = "[N]" },
        new("proc.aname", FieldType.CharBuf, FieldFormat.NotApplicable, "name of an ancestor: proc.aname[1] is the parent, [2] the grandparent; without an index (filters only) any ancestor matches",
            FieldFlags.OptionalIndex, static (d, a) => BindAncestor(d, a, pid: false)) { ArgumentSyntax = "[N]" },
        new("proc.loginshellid", FieldType.Int64, FieldFormat.Id, "pid of the oldest shell among the process and its ancestors",
            static (ref EventContext c) => LoginShell(ref c)),
        new("proc.fdopencount", FieldType.UInt64, FieldFormat.Decimal, "open fds of the process",
            static (ref EventContext c) => c.Thread?.MainThread is { } m ? FieldValue.Of((ulong)m.OwnFds.Count) : FieldValue.Null),
        new("proc.fdlimit", FieldType.Int64, FieldFormat.Decimal, "maximum number of fds the process may open",
            static (ref EventContext c) => c.Thread?.MainThread is { } m ? FieldValue.Of(m.FdLimit) : FieldValue.Null),
        new("proc.vmsize", FieldType.UInt64, FieldFormat.Decimal, "virtual memory of the process (KiB)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((ulong)t.VmSizeKb) : FieldValue.Null),
        new("proc.vmrss", FieldType.UInt64, FieldFormat.Decimal, "resident memory of the process (KiB)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((ulong)t.VmRssKb) : FieldValue.Null),
        new("proc.vmswap", FieldType.UInt64, FieldFormat.Decimal, "swapped memory of the process (KiB)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((ulong)t.VmSwapKb) : FieldValue.Null),
        new("proc.sid", FieldType.Int64, FieldFormat.Id, "session id of the process",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.Sid) : FieldValue.Null),
        new("proc.vpgid", FieldType.Int64, FieldFormat.Id, "process group id as seen in the process's pid namespace",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.Vpgid) : FieldValue.Null),
        new("proc.tty", FieldType.Int32, FieldFormat.Id, "controlling terminal (0 for none)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((long)t.Tty) : FieldValue.Null),
        new("proc.exepath", FieldType.CharBuf, FieldFormat.NotApplicable, "full path of the executable",
            static (ref EventContext c) => FieldValue.Of(c.Thread?.ExePath)),
        new("proc.vpid", FieldType.Int64, FieldFormat.Id, "process id as seen in the process's pid namespace",
            static (ref EventContext c) => c.Thread is { Vpid: not -1 } t ? FieldValue.Of(t.Vpid) : FieldValue.Null),
        new("proc.is_exe_writable", FieldType.Bool, FieldFormat.NotApplicable, "true when the executable is writable by the user that started the process",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.ExeWritable) : FieldValue.Null),
        new("thread.tid", FieldType.Int64, FieldFormat.Id, "id of the thread generating the event",
            static (ref EventContext c) => FieldValue.Of(c.Event.ThreadId)),
        new("thread.vtid", FieldType.Int64, FieldFormat.Id, "thread id as seen in the thread's pid namespace",
            static (ref EventContext c) => c.Thread is { Vtid: not -1 } t ? FieldValue.Of(t.Vtid) : FieldValue.Null),
        new("thread.ismain", FieldType.Bool, FieldFormat.NotApplicable, "true for the main thread of a process",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.IsMainThread) : FieldValue.Null),
        new("thread.pfmajor", FieldType.UInt64, FieldFormat.Decimal, "major page faults since the thread started",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.PageFaultsMajor) : FieldValue.Null),
        new("thread.pfminor", FieldType.UInt64, FieldFormat.Decimal, "minor page faults since the thread started",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.PageFaultsMinor) : FieldValue.Null),
        new("thread.cgroups", FieldType.CharBuf, FieldFormat.NotApplicable, "all cgroups of the thread as subsystem=path, space separated",
            static (ref EventContext c) => c.Thread is { Cgroups.Count: > 0 } t ? FieldValue.Of(string.Join(' ', t.Cgroups.Select(g => g.Key + "=" + g.Value))) : FieldValue.Null),
        new("thread.cgroup", FieldType.CharBuf, FieldFormat.NotApplicable, "the thread's cgroup for one subsystem, e.g. thread.cgroup.cpuacct",
            FieldFlags.RequiresArgument, BindCgroup) { ArgumentSyntax = ".SUBSYSTEM" },
    ];

    private static BoundField BindAncestor(FieldDefinition d, string? argument, bool pid)
    {
        if (argument is null)
        {
            // Filters only: any ancestor (parent first) may match.
            return new BoundField(d, d.Name, static (ref EventContext c) => FieldValue.Null)
            {
                Candidates = pid ? static (ref EventContext c, int i) => AncestorValue(ref c, i, pid: true) : static (ref EventContext c, int i) => AncestorValue(ref c, i, pid: false),
            };
        }

        if (!argument.StartsWith('[') || !int.TryParse(argument.AsSpan(1, argument.Length - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var level))
        {
            throw new FieldException($"{d.Name} takes a numeric index, e.g. {d.Name}[1]");
        }

        return new BoundField(d, d.Name + argument, (ref EventContext c) =>
        {
            var mt = c.Thread?.MainThread;
            for (var j = 0; j < level && mt is not null; j++)
            {
                mt = c.Engine.Threads.Find(mt.Ptid);
            }

            if (mt is null)
            {
                return FieldValue.Null;
            }

            return pid ? FieldValue.Of(mt.Pid) : FieldValue.Of(mt.Comm);
        });
    }

    // The index-th ancestor (0 = parent) of the event's process, stopping at loops as sysdig does.
    private static FieldValue AncestorValue(ref EventContext c, int index, bool pid)
    {
        var mt = c.Thread?.MainThread;
        if (mt is null)
        {
            return FieldValue.Null;
        }

        var seen = new HashSet<long>();
        var p = c.Engine.Threads.Find(mt.Ptid);
        for (var j = 0; p is not null && p.Tid != -1; j++)
        {
            if (!seen.Add(p.Tid) || (j > 0 && p.Tid == p.Ptid))
            {
                return FieldValue.Null;
            }

            if (j == index)
            {
                return pid ? FieldValue.Of(p.Pid) : FieldValue.Of(p.Comm);
            }

            p = c.Engine.Threads.Find(p.Ptid);
        }

        return FieldValue.Null;
    }

    private static FieldValue LoginShell(ref EventContext c)
    {
        var mt = c.Thread?.MainThread;
        if (mt is null)
        {
            return FieldValue.Null;
        }

        long? shell = null;
        var seen = new HashSet<long>();
        for (var p = mt; p is not null && p.Tid != -1 && seen.Add(p.Tid); p = c.Engine.Threads.Find(p.Ptid))
        {
            if (p.Comm.EndsWith("sh", StringComparison.Ordinal))
            {
                shell = p.Pid;
            }
        }

        return shell is { } s ? FieldValue.Of(s) : FieldValue.Null;
    }

    private static BoundField BindCgroup(FieldDefinition d, string? argument)
    {
        if (argument is null || !argument.StartsWith('.') || argument.Length < 2)
        {
            throw new FieldException("thread.cgroup needs a subsystem, e.g. thread.cgroup.cpuacct");
        }

        var subsystem = argument[1..];
        return new BoundField(d, d.Name + argument, (ref EventContext c) =>
        {
            if (c.Thread is not { } t)
            {
                return FieldValue.Null;
            }

            foreach (var (k, v) in t.Cgroups)
            {
                if (k == subsystem)
                {
                    return FieldValue.Of(v);
                }
            }

            return FieldValue.Null;
        });
    }
}
