namespace Inspect.Analysis.Views;

/// <summary>csysdig's views of processes and threads, with their CPU, memory, I/O and errors (sysdig 0.29.3 view chisels, <c>-pc</c> columns).</summary>
public static partial class ViewCatalog
{
    private static readonly ViewDefinition ProcsView = new(
        "procs",
        "Processes",
        ViewKind.Table,
        "evt.type!=switch",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            ViewColumn.GroupBy("proc.pid", "INT64", "ID"),
            new("PID", "proc.pid", ViewAggregation.None, "INT64", "ID", 7),
            new("PPID", "proc.ppid", ViewAggregation.None, "INT64", "ID", 7),
            new("VPID", "proc.vpid", ViewAggregation.None, "INT64", "ID", 8),
            new("CPU", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("USER", "user.name", ViewAggregation.None, "CHARBUF", "NA", 12),
            new("TH", "proc.nthreads", ViewAggregation.Max, "UINT32", "DEC", 5, GroupByAggregation: ViewAggregation.Max),
            new("VIRT", "thread.vmsize.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Max),
            new("RES", "thread.vmrss.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Max),
            new("FILE", "evt.buflen.file", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("NET", "evt.buflen.net", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("CONTAINER", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "threads",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "container.id", "fd.name", "fd.containername", "fd.sport", "fd.sproto", "evt.type", "fd.directory", "fd.containerdirectory", "fd.type", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 3,
    };

    private static readonly ViewDefinition ProcsCpuView = new(
        "procs_cpu",
        "Processes CPU",
        ViewKind.Table,
        "evt.type!=switch",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            ViewColumn.GroupBy("proc.pid", "INT64", "ID"),
            new("PID", "proc.pid", ViewAggregation.None, "INT64", "ID", 8),
            new("VPID", "proc.vpid", ViewAggregation.None, "INT64", "ID", 8),
            new("TOT", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("USER", "thread.cpu.user", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("SYS", "thread.cpu.system", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("SYSCALLS", "evt.count", ViewAggregation.TimeAverage, "UINT32", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("CONTAINER", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "threads",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "container.id", "fd.name", "fd.containername", "fd.sport", "fd.sproto", "evt.type", "fd.directory", "fd.containerdirectory", "fd.type", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 2,
    };

    private static readonly ViewDefinition ProcsErrorsView = new(
        "procs_errors",
        "Processes Errors",
        ViewKind.Table,
        "evt.type!=switch",
        [
            ViewColumn.KeyOf("proc.pid", "INT64", "ID"),
            new("FILE", "evt.count.error.file", ViewAggregation.Sum, "UINT32", "DEC", 8),
            new("NET", "evt.count.error.net", ViewAggregation.Sum, "UINT32", "DEC", 8),
            new("MEMORY", "evt.count.error.memory", ViewAggregation.Sum, "UINT32", "DEC", 8),
            new("OTHER", "evt.count.error.other", ViewAggregation.Sum, "UINT32", "DEC", 8),
            new("PID", "proc.pid", ViewAggregation.None, "INT64", "ID", 8),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "errors",
        DrilldownTargetFilter: "evt.res != SUCCESS",
        AppliesTo: ["", "container.id", "fd.name", "fd.containername", "fd.sport", "fd.sproto", "evt.type", "fd.directory", "fd.containerdirectory", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition ThreadsView = new(
        "threads",
        "Threads",
        ViewKind.Table,
        "evt.type!=switch",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            new("PID", "proc.pid", ViewAggregation.None, "INT64", "ID", 8),
            new("TID", "thread.tid", ViewAggregation.None, "INT64", "ID", 8),
            new("VPID", "proc.vpid", ViewAggregation.None, "INT64", "ID", 8),
            new("VTID", "thread.vtid", ViewAggregation.None, "INT64", "ID", 8),
            new("CPU", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8),
            new("FILE", "evt.buflen.file", ViewAggregation.TimeAverage, "UINT64", "DEC", 8),
            new("NET", "evt.buflen.net", ViewAggregation.TimeAverage, "UINT64", "DEC", 8),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "files",
        DrilldownTargetFilter: "(fd.type=file or fd.type=directory) and fd.name!=''",
        AppliesTo: ["", "proc.pid", "thread.nametid", "proc.name", "container.id", "fd.sport", "fd.sproto", "fd.name", "fd.containername", "fd.directory", "fd.containerdirectory", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 4,
    };
}
