namespace Inspect.Analysis.Views;

/// <summary>The views Inspect computes, by csysdig id.</summary>
public static class ViewCatalog
{
    private const string FileFilter = "(fd.type=file or fd.type=directory) and fd.name!=''";
    private const string NetFilter = "(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''";
    private const string K8sAndMesos = "\"k8s.pod.id\",\"k8s.rc.id\",\"k8s.rs.id\",\"k8s.svc.id\",\"k8s.ns.id\",\"marathon.app.id\",\"marathon.group.name\",\"mesos.task.id\",\"mesos.framework.name\"";

    private static readonly ViewColumn[] FileCounters =
    [
        new("BYTES IN", ViewFields.FileBytesIn, ViewAggregation.Sum, ViewValueKind.Number, "UINT64", "DEC", 12),
        new("BYTES OUT", ViewFields.FileBytesOut, ViewAggregation.Sum, ViewValueKind.Number, "UINT64", "DEC", 12),
        new("OPS", "evt.count.exit", ViewAggregation.Sum, ViewValueKind.Number, "UINT32", "DEC", 9),
        new("OPENS", ViewFields.Opens, ViewAggregation.Sum, ViewValueKind.Number, "UINT32", "NA", 9),
        new("ERRORS", "evt.count.error", ViewAggregation.Sum, ViewValueKind.Number, "UINT32", "DEC", 9),
        new("Container", "container.name", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "NA", 20),
    ];

    public static IReadOnlyList<ViewDefinition> All { get; } =
    [
        new("files", "Files", FileFilter, "fd.containername",
            [.. FileCounters, new("FILENAME", "fd.name", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "NA", 0)],
            2,
            "{\"appliesTo\":[\"\",\"container.id\",\"proc.pid\",\"thread.nametid\",\"proc.name\",\"thread.tid\",\"fd.sport\",\"fd.sproto\",\"fd.directory\",\"fd.containerdirectory\",\"fd.containerdirectory\",\"evt.res\"," + K8sAndMesos + "],\"canDrillDown\":true,\"drillDownKeyField\":\"fd.containername\",\"filterTemplate\":\"((fd.type=file or fd.type=directory) and fd.name!='') and fd.containername=\\\"@#$f1CA^&;\\\"\",\"filterTemplateF\":\"(((fd.type=file or fd.type=directory) and fd.name!='') and fd.containername=\\\"@#$f1CA^&;\\\") and (evt.type!=switch)\","),
        new("directories", "Directories", FileFilter, "fd.containerdirectory",
            [.. FileCounters, new("DIRNAME", "fd.directory", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "NA", 0)],
            2,
            "{\"appliesTo\":[\"\",\"container.id\",\"proc.pid\",\"thread.nametid\",\"proc.name\",\"thread.tid\",\"fd.sport\",\"fd.sproto\",\"evt.res\"," + K8sAndMesos + "],\"canDrillDown\":true,\"drillDownKeyField\":\"fd.containerdirectory\",\"filterTemplate\":\"((fd.type=file or fd.type=directory) and fd.name!='') and fd.containerdirectory=\\\"@#$f1CA^&;\\\"\",\"filterTemplateF\":\"(((fd.type=file or fd.type=directory) and fd.name!='') and fd.containerdirectory=\\\"@#$f1CA^&;\\\") and ((fd.type=file or fd.type=directory) and fd.name!='')\","),
        new("connections", "Connections", NetFilter, "fd.containername",
            [
                new("L4PROTO", "fd.l4proto", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "NA", 8),
                new("LIP", ViewFields.LocalIp, ViewAggregation.None, ViewValueKind.Address, "IPADDR", "NA", 17),
                new("LPORT", "fd.lport", ViewAggregation.None, ViewValueKind.Number, "PORT", "DEC", 8),
                new("RIP", ViewFields.RemoteIp, ViewAggregation.None, ViewValueKind.Address, "IPADDR", "NA", 17),
                new("RPORT", "fd.rport", ViewAggregation.None, ViewValueKind.Number, "PORT", "DEC", 8),
                new("BPS IN", ViewFields.NetBytesIn, ViewAggregation.TimeAverage, ViewValueKind.Number, "UINT64", "DEC", 12),
                new("BPS OUT", ViewFields.NetBytesOut, ViewAggregation.TimeAverage, ViewValueKind.Number, "UINT64", "DEC", 12),
                new("IOPS", "evt.count", ViewAggregation.TimeAverage, ViewValueKind.Number, "UINT32", "DEC", 12),
                new("Container", "container.name", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "NA", 20),
                new("Command", "proc.exeline", ViewAggregation.Max, ViewValueKind.Text, "CHARBUF", "NA", 0),
            ],
            5,
            "{\"appliesTo\":[\"\",\"container.id\",\"proc.pid\",\"thread.nametid\",\"proc.name\",\"thread.tid\",\"fd.sport\",\"fd.sproto\",\"fd.dport\",\"fd.dproto\",\"fd.port\",\"fd.proto\",\"fd.lport\",\"fd.rport\",\"evt.res\"," + K8sAndMesos + "],\"canDrillDown\":true,\"drillDownKeyField\":\"fd.containername\",\"filterTemplate\":\"((fd.type=ipv4 or fd.type=ipv6) and fd.name!='') and fd.containername=\\\"@#$f1CA^&;\\\"\",\"filterTemplateF\":\"(((fd.type=ipv4 or fd.type=ipv6) and fd.name!='') and fd.containername=\\\"@#$f1CA^&;\\\") and (evt.type=accept and evt.dir=< and evt.failed=false)\","),
        new("errors", "Errors", "evt.res != SUCCESS", "evt.res",
            [
                new("COUNT", "evt.count", ViewAggregation.Sum, ViewValueKind.Number, "UINT32", "DEC", 12),
                new("ERROR", "evt.res", ViewAggregation.None, ViewValueKind.Text, "CHARBUF", "DEC", 0),
            ],
            0,
            "{\"appliesTo\":[\"\",\"container.id\",\"proc.pid\",\"thread.nametid\",\"proc.name\",\"thread.tid\",\"fd.sport\",\"fd.sproto\",\"fd.directory\",\"fd.containerdirectory\"," + K8sAndMesos + "],\"canDrillDown\":true,\"drillDownKeyField\":\"evt.res\",\"filterTemplate\":\"(evt.res != SUCCESS) and evt.res=\\\"@#$f1CA^&;\\\"\",\"filterTemplateF\":\"((evt.res != SUCCESS) and evt.res=\\\"@#$f1CA^&;\\\") and (evt.type!=switch)\","),
    ];

    /// <summary>The view with this csysdig id, or null.</summary>
    public static ViewDefinition? Find(string id) => All.FirstOrDefault(v => v.Id == id);
}
