namespace Inspect.Analysis.Views;

/// <summary>csysdig's views of errors, system calls and commands run from shells (sysdig 0.29.3 view chisels, <c>-pc</c> columns).</summary>
public static partial class ViewCatalog
{
    private static readonly ViewDefinition ErrorsView = new(
        "errors",
        "Errors",
        ViewKind.Table,
        "evt.res != SUCCESS",
        [
            ViewColumn.KeyOf("evt.res", "CHARBUF", "DEC"),
            new("COUNT", "evt.count", ViewAggregation.Sum, "UINT32", "DEC", 12),
            new("ERROR", "evt.res", ViewAggregation.None, "CHARBUF", "DEC", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "procs_errors",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "fd.directory", "fd.containerdirectory", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition SyscallsView = new(
        "syscalls",
        "System Calls",
        ViewKind.Table,
        "syscall.type exists",
        [
            ViewColumn.KeyOf("evt.type", "CHARBUF", "NA"),
            new("CALLS/S", "evt.count", ViewAggregation.TimeAverage, "UINT32", "DEC", 10),
            new("TOT TIME", "evt.latency", ViewAggregation.Sum, "RELTIME", "DEC", 10),
            new("AVG TIME", "evt.latency", ViewAggregation.Average, "RELTIME", "DEC", 10),
            new("SYSCALL", "evt.type", ViewAggregation.Sum, "CHARBUF", "NA", 32),
        ],
        UseDefaults: true,
        DrilldownTarget: "syscall_procs",
        DrilldownTargetFilter: "syscall.type exists",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "fd.name", "fd.containername", "fd.directory", "fd.containerdirectory", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition SpyUsersView = new(
        "spy_users",
        "Spy Users",
        ViewKind.List,
        "((evt.type=execve and evt.dir=<) or (evt.type=chdir and evt.dir=< and proc.name contains sh and not proc.name contains sshd)) and evt.failed=false",
        [
            new("TIME", "evt.time", ViewAggregation.None, "CHARBUF", "NA", 12),
            new("USER", "user.name", ViewAggregation.None, "CHARBUF", "NA", 12),
            new("SHELL", "proc.ppid", ViewAggregation.None, "INT64", "ID", 8),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "",
        DrilldownTargetFilter: "",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "thread.tid", "proc.name", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };
}
