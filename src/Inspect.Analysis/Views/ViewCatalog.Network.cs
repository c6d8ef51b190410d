namespace Inspect.Analysis.Views;

/// <summary>csysdig's views of connections, new connections, server ports and port bindings (sysdig 0.29.3 view chisels, <c>-pc</c> columns).</summary>
public static partial class ViewCatalog
{
    private static readonly ViewDefinition ConnectionsView = new(
        "connections",
        "Connections",
        ViewKind.Table,
        "(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''",
        [
            ViewColumn.KeyOf("fd.containername", "CHARBUF", "NA"),
            new("L4PROTO", "fd.l4proto", ViewAggregation.None, "CHARBUF", "NA", 8),
            new("LIP", "fd.lip", ViewAggregation.None, "IPADDR", "NA", 17),
            new("LPORT", "fd.lport", ViewAggregation.None, "PORT", "DEC", 8),
            new("RIP", "fd.rip", ViewAggregation.None, "IPADDR", "NA", 17),
            new("RPORT", "fd.rport", ViewAggregation.None, "PORT", "DEC", 8),
            new("BPS IN", "evt.buflen.net.in", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("BPS OUT", "evt.buflen.net.out", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("IOPS", "evt.count", ViewAggregation.TimeAverage, "UINT32", "DEC", 12),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "incoming_connections",
        DrilldownTargetFilter: "evt.type=accept and evt.dir=< and evt.failed=false",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "proc.name", "thread.tid", "fd.sport", "fd.sproto", "fd.dport", "fd.dproto", "fd.port", "fd.proto", "fd.lport", "fd.rport", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 5,
    };

    private static readonly ViewDefinition IncomingConnectionsView = new(
        "incoming_connections",
        "New Connections",
        ViewKind.List,
        "evt.type=accept and evt.dir=< and evt.failed=false",
        [
            new("TIME", "evt.time", ViewAggregation.None, "CHARBUF", "NA", 19),
            new("Connection", "fd.name", ViewAggregation.None, "CHARBUF", "NA", 40),
            new("Container", "container.name", ViewAggregation.None, "CHARBUF", "NA", 20),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: false,
        DrilldownTarget: "",
        DrilldownTargetFilter: "",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "thread.tid", "proc.name", "fd.name", "fd.containername", "fd.sport", "fd.sproto", "fd.dport", "fd.port", "fd.lport", "fd.rport", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 0,
    };

    private static readonly ViewDefinition SportsView = new(
        "sports",
        "Server Ports",
        ViewKind.Table,
        "(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''",
        [
            ViewColumn.KeyOf("fd.sport", "PORT", "DEC"),
            new("SPORT", "fd.sport", ViewAggregation.None, "PORT", "DEC", 8),
            new("BPS IN", "evt.buflen.net.in", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("BPS OUT", "evt.buflen.net.out", ViewAggregation.TimeAverage, "UINT64", "DEC", 12),
            new("IO CALLS", "evt.count", ViewAggregation.Sum, "UINT32", "DEC", 12),
        ],
        UseDefaults: true,
        DrilldownTarget: "connections",
        DrilldownTargetFilter: "(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''",
        AppliesTo: ["", "container.id", "proc.pid", "thread.nametid", "thread.tid", "proc.name", "evt.res", "k8s.pod.id", "k8s.rc.id", "k8s.rs.id", "k8s.svc.id", "k8s.ns.id", "marathon.app.id", "marathon.group.name", "mesos.task.id", "mesos.framework.name"])
    {
        SortColumn = 1,
    };

    private static readonly ViewDefinition PortBindingsView = new(
        "port_bindings",
        "Port bindings",
        ViewKind.List,
        "(evt.type=bind and evt.dir=< and (fd.type=ipv4 or fd.type=ipv6)) or (evt.type=close and evt.dir=> and fd.typechar=2 and fd.type=ipv4)",
        [
            new("TIME", "evt.time", ViewAggregation.None, "CHARBUF", "NA", 12),
            new("OPERATION", "evt.type", ViewAggregation.None, "CHARBUF", "NA", 24),
            new("PORT", "fd.sport", ViewAggregation.None, "PORT", "DEC", 24),
            new("Command", "proc.exeline", ViewAggregation.Max, "CHARBUF", "NA", 0),
        ],
        UseDefaults: true,
        DrilldownTarget: "",
        DrilldownTargetFilter: "",
        AppliesTo: [""])
    {
        SortColumn = 0,
    };
}
