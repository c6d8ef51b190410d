using System.Globalization;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>
/// The process table from /proc: one <see cref="ThreadEntry"/> per thread (process-wide values such as the command
/// line, environment and cgroups read once per process), one fd table per process, and every cgroup path seen.
/// Processes that exit during the walk are skipped.
/// </summary>
public sealed class ProcessTableReader(string procRoot = "/proc")
{
    /// <summary>Threads, fd tables and cgroup paths of every process.</summary>
    public (List<ThreadEntry> Threads, List<FdTable> FdTables, HashSet<string> CgroupPaths) ReadAll()
    {
        var threads = new List<ThreadEntry>();
        var fdTables = new List<FdTable>();
        var cgroupPaths = new HashSet<string>(StringComparer.Ordinal);
        var socketsByNetns = new Dictionary<string, SocketTable>(StringComparer.Ordinal);
        foreach (var pid in ProcFiles.NumericEntries(procRoot))
        {
            var process = ReadProcess(pid);
            if (process is null)
            {
                continue;
            }

            threads.AddRange(process.Value.Threads);
            cgroupPaths.UnionWith(process.Value.Cgroups.AllPaths);
            var sockets = SocketsOf(pid, socketsByNetns);
            fdTables.Add(new FdTable(pid, FdTableReader.Read(ProcessDirectory(pid), sockets)));
        }

        return (threads, fdTables, cgroupPaths);
    }

    /// <summary>The threads of one process, or null when it is gone.</summary>
    public (List<ThreadEntry> Threads, ProcCgroups Cgroups)? ReadProcess(long pid)
    {
        var dir = ProcessDirectory(pid);
        var main = ProcStat.Parse(ProcFiles.ReadText(Path.Combine(dir, "stat")));
        if (main is null)
        {
            return null;
        }

        var cgroups = ProcCgroups.Parse(ProcFiles.ReadText(Path.Combine(dir, "cgroup")));
        var template = ProcessTemplate(pid, dir, main, cgroups);
        var threads = new List<ThreadEntry>();
        foreach (var tid in ProcFiles.NumericEntries(Path.Combine(dir, "task")))
        {
            var taskDir = Path.Combine(dir, "task", tid.ToString(CultureInfo.InvariantCulture));
            var stat = ProcStat.Parse(ProcFiles.ReadText(Path.Combine(taskDir, "stat")));
            var status = ProcStatus.Parse(ProcFiles.ReadText(Path.Combine(taskDir, "status")));
            if (stat is null || status is null)
            {
                continue;
            }

            threads.Add(template with
            {
                Tid = tid,
                Comm = ProcFiles.ReadText(Path.Combine(taskDir, "comm"))?.TrimEnd('\n') ?? stat.Comm,
                Uid = status.Uid,
                Gid = status.Gid,
                VmSizeKb = status.VmSizeKb,
                VmRssKb = status.VmRssKb,
                VmSwapKb = status.VmSwapKb,
                PageFaultsMajor = stat.MajorFaults,
                PageFaultsMinor = stat.MinorFaults,
                Vtid = status.NamespaceTid,
                Vpid = status.NamespacePid,
                CapInheritable = status.CapInheritable,
                CapPermitted = status.CapPermitted,
                CapEffective = status.CapEffective,
            });
        }

        return (threads, cgroups);
    }

    private static ThreadEntry ProcessTemplate(long pid, string dir, ProcStat main, ProcCgroups cgroups)
    {
        var cmdline = ProcFiles.ReadBytes(Path.Combine(dir, "cmdline")) ?? [];
        var argvEnd = Array.IndexOf(cmdline, (byte)0);
        var exe = argvEnd < 0 ? System.Text.Encoding.UTF8.GetString(cmdline) : System.Text.Encoding.UTF8.GetString(cmdline, 0, argvEnd);
        var loginUid = ProcFiles.ReadText(Path.Combine(dir, "loginuid"));
        return new ThreadEntry
        {
            Pid = pid,
            Ptid = main.ParentPid,
            Sid = main.Session,
            Vpgid = main.ProcessGroup,

            // Kernel threads have no command line; sysdig shows their comm as the executable.
            Exe = exe.Length > 0 ? exe : main.Comm,
            ExePath = ProcFiles.ReadLink(Path.Combine(dir, "exe")) ?? "",
            Args = argvEnd < 0 ? [] : NulTerminated(cmdline.AsSpan(argvEnd + 1)),
            Cwd = ProcFiles.ReadLink(Path.Combine(dir, "cwd")) ?? "",
            FdLimit = ProcLimits.MaxOpenFiles(ProcFiles.ReadText(Path.Combine(dir, "limits"))),
            Env = NulTerminated(ProcFiles.ReadBytes(Path.Combine(dir, "environ"))),
            Cgroups = ThreadEntry.ToNulSeparated(cgroups.ProbeStyleEntries()),
            Root = ProcFiles.ReadLink(Path.Combine(dir, "root")) ?? "",
            LoginUid = uint.TryParse(loginUid, CultureInfo.InvariantCulture, out var uid) ? unchecked((int)uid) : -1,
        };
    }

    private SocketTable SocketsOf(long pid, Dictionary<string, SocketTable> cache)
    {
        var netns = ProcFiles.ReadLink(Path.Combine(ProcessDirectory(pid), "ns", "net")) ?? $"pid {pid}";
        if (!cache.TryGetValue(netns, out var table))
        {
            table = SocketTable.Read(Path.Combine(ProcessDirectory(pid), "net"));
            cache[netns] = table;
        }

        return table;
    }

    private string ProcessDirectory(long pid) => Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));

    // A list that ends without its final NUL (a process rewrote its argv) still gets one.
    private static byte[] NulTerminated(ReadOnlySpan<byte> list) =>
        list.IsEmpty || list[^1] == 0 ? list.ToArray() : [.. list, 0];
}
