namespace Inspect.Analysis.Views;

/// <summary>csysdig's views of containers and Kubernetes pods and namespaces (sysdig 0.29.3 view chisels, <c>-pc</c> columns).</summary>
public static partial class ViewCatalog
{
    private static readonly ViewDefinition ContainersView = new(
        "containers",
        "Containers",
        ViewKind.Table,
        "container.name != host",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            new("CPU", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("PROCS", "evt.count.procinfo", ViewAggregation.Average, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("THREADS", "evt.count.threadinfo", ViewAggregation.Average, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("VIRT", "thread.vmsize.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("RES", "thread.vmrss.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("FILE", "evt.buflen.file", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("NET", "evt.buflen.net", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            ViewColumn.GroupBy("container.id", "CHARBUF", "NA"),
            new("ENGINE", "container.type", ViewAggregation.None, "CHARBUF", "NA", 8),
            new("IMAGE", "container.image", ViewAggregation.None, "CHARBUF", "NA", 30),
            new("ID", "container.id", ViewAggregation.None, "CHARBUF", "NA", 13),
            new("NAME", "container.name", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "procs",
        DrilldownTargetFilter: "evt.type!=switch",
        AppliesTo: ["", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition ContainersErrorsView = new(
        "containers_errors",
        "Containers Errors",
        ViewKind.Table,
        "container.name != host",
        [
            ViewColumn.KeyOf("proc.pid", "INT64", "ID"),
            ViewColumn.GroupBy("container.id", "CHARBUF", "NA"),
            new("FILE", "evt.count.error.file", ViewAggregation.Sum, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("NET", "evt.count.error.net", ViewAggregation.Sum, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("MEMORY", "evt.count.error.memory", ViewAggregation.Sum, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("OTHER", "evt.count.error.other", ViewAggregation.Sum, "UINT32", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("ENGINE", "container.type", ViewAggregation.None, "CHARBUF", "NA", 8),
            new("ID", "container.id", ViewAggregation.None, "CHARBUF", "NA", 13),
            new("CONTAINER", "container.name", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "errors",
        DrilldownTargetFilter: "evt.res != SUCCESS",
        AppliesTo: ["", "container.id", "fd.name", "fd.containername", "fd.sport", "fd.sproto", "evt.type", "fd.directory", "fd.containerdirectory", "fd.containerdirectory", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 1,
    };

    private static readonly ViewDefinition KubernetesPodsView = new(
        "kubernetes_pods",
        "K8s Pods",
        ViewKind.Table,
        "k8s.pod.id != ''",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            new("CPU", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("VIRT", "thread.vmsize.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("RES", "thread.vmrss.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("FILE", "evt.buflen.file", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("NET", "evt.buflen.net", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            ViewColumn.GroupBy("k8s.pod.id", "CHARBUF", "NA"),
            new("ID", "k8s.pod.id", ViewAggregation.None, "CHARBUF", "NA", 38),
            new("NAME", "k8s.pod.name", ViewAggregation.None, "CHARBUF", "NA", 25),
            new("NAMESPACE", "k8s.ns.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("LABELS", "k8s.pod.labels", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "containers",
        DrilldownTargetFilter: "container.name != host",
        AppliesTo: ["", "evt.res", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition KubernetesNamespacesView = new(
        "kubernetes_namespaces",
        "K8s Namespaces",
        ViewKind.Table,
        "k8s.ns.id != ''",
        [
            ViewColumn.KeyOf("thread.tid", "INT64", "ID"),
            new("CPU", "thread.cpu", ViewAggregation.Average, "DOUBLE", "NA", 8, GroupByAggregation: ViewAggregation.Sum),
            new("VIRT", "thread.vmsize.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("RES", "thread.vmrss.b", ViewAggregation.Max, "UINT64", "DEC", 9, GroupByAggregation: ViewAggregation.Sum),
            new("FILE", "evt.buflen.file", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            new("NET", "evt.buflen.net", ViewAggregation.TimeAverage, "UINT64", "DEC", 8, GroupByAggregation: ViewAggregation.Sum),
            ViewColumn.GroupBy("k8s.ns.id", "CHARBUF", "NA"),
            new("ID", "k8s.ns.id", ViewAggregation.None, "CHARBUF", "NA", 38),
            new("NAME", "k8s.ns.name", ViewAggregation.None, "CHARBUF", "NA", 25),
            new("LABELS", "k8s.ns.labels", ViewAggregation.None, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "kubernetes_pods",
        DrilldownTargetFilter: "k8s.pod.id != ''",
        AppliesTo: ["", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id"])
    {
        SortColumn = 0,
    };
}
