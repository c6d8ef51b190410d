namespace Inspect.Analysis.Views;

/// <summary>csysdig's views of files, directories, file opens, I/O by fd type and slow file I/O (sysdig 0.29.3 view chisels, <c>-pc</c> columns).</summary>
public static partial class ViewCatalog
{
    private static readonly ViewDefinition FilesView = new(
        "files",
        "Files",
        ViewKind.Table,
        "(fd.type=file or fd.type=directory) and fd.name!=''",
        [
            ViewColumn.KeyOf("fd.containername", "CHARBUF", "NA"),
            new("BYTES IN", "evt.buflen.file.in", ViewAggregation.Sum, "UINT64", "DEC", 12),
            new("BYTES OUT", "evt.buflen.file.out", ViewAggregation.Sum, "UINT64", "DEC", 12),
            new("OPS", "evt.count.exit", ViewAggregation.Sum, "UINT32", "DEC", 9),
            new("OPENS", "evt.type.is.3", ViewAggregation.Sum, "UINT32", "NA", 9),
            new("ERRORS", "evt.count.error", ViewAggregation.Sum, "UINT32", "DEC", 9),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("FILENAME", "fd.name", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "procs",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "fd.directory", "fd.containerdirectory", "fd.containerdirectory", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 2,
    };

    private static readonly ViewDefinition DirectoriesView = new(
        "directories",
        "Directories",
        ViewKind.Table,
        "(fd.type=file or fd.type=directory) and fd.name!=''",
        [
            ViewColumn.KeyOf("fd.containerdirectory", "CHARBUF", "NA"),
            new("BYTES IN", "evt.buflen.file.in", ViewAggregation.Sum, "UINT64", "DEC", 12),
            new("BYTES OUT", "evt.buflen.file.out", ViewAggregation.Sum, "UINT64", "DEC", 12),
            new("OPS", "evt.count.exit", ViewAggregation.Sum, "UINT32", "DEC", 9),
            new("OPENS", "evt.type.is.3", ViewAggregation.Sum, "UINT32", "NA", 9),
            new("ERRORS", "evt.count.error", ViewAggregation.Sum, "UINT32", "DEC", 9),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("DIRNAME", "fd.directory", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "files",
        DrilldownTargetFilter: "(fd.type=file or fd.type=directory) and fd.name!=''",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 2,
    };

    private static readonly ViewDefinition FileOpensView = new(
        "file_opens",
        "File Opens List",
        ViewKind.List,
        "evt.type=open and evt.dir=<",
        [
            new("TIME", "evt.time", ViewAggregation.None, "CHARBUF", "NA", 19),
            new("RES", "evt.res", ViewAggregation.None, "CHARBUF", "DEC", 8),
            new("FILE", "fd.name", ViewAggregation.None, "CHARBUF", "NA", 40),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: false,
        DrilldownTarget: "",
        DrilldownTargetFilter: "",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "fd.name", "fd.containername", "fd.directory", "fd.containerdirectory", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition IoByTypeView = new(
        "io_by_type",
        "I/O by Type",
        ViewKind.Table,
        "",
        [
            ViewColumn.KeyOf("fd.type", "CHARBUF", "DEC"),
            new("BPS IN", "evt.buflen.in", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("BPS OUT", "evt.buflen.out", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("IOPS", "evt.count", ViewAggregation.TimeAverage, "UINT32", "DEC", 9),
            new("TIME", "evt.latency", ViewAggregation.Sum, "RELTIME", "DEC", 9),
            new("I/O Type", "fd.type", ViewAggregation.Sum, "CHARBUF", "DEC", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "procs",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 2,
    };

    private static readonly ViewDefinition SlowIoView = new(
        "slow_io",
        "Slow File I/O",
        ViewKind.Table,
        "evt.is_io=true and fd.type=file and (not fd.name contains '/dev/') and evt.latency>1000000",
        [
            ViewColumn.KeyOf("evt.rawtime", "ABSTIME", "DEC"),
            new("TIME", "evt.time", ViewAggregation.None, "CHARBUF", "NA", 12),
            new("LATENCY", "evt.latency", ViewAggregation.None, "RELTIME", "DEC", 8),
            new("FILENAME", "fd.name", ViewAggregation.None, "CHARBUF", "NA", 32),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("PID", "proc.pid", ViewAggregation.None, "INT64", "ID", 12),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "",
        DrilldownTargetFilter: "",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "thread.tid", "proc.name", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 1,
    };
}
