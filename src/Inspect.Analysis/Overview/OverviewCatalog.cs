namespace Inspect.Analysis.Overview;

/// <summary>
/// Every fixed tile of the overview, in the order the page lists them (the wsysdig_summary chisel's order). The
/// per-protocol byte tiles and the per-name docker event tiles are made by <see cref="ProtocolTile"/> and
/// <see cref="DockerTile"/>.
/// </summary>
public static class OverviewCatalog
{
    private const string Io = "((fd.name contains .log or fd.name contains _log or fd.name contains /var/log) and not (fd.name contains .gz or fd.name contains .tgz)) and evt.is_io_write=true";

    public static OverviewTile Notifications { get; } = new("notifications", "Sysdig Secure Notifications",
        "Sysdig Secure notifications. Sysdig secure inserts a \"notification\" event in the capture stream each time a policy triggers. This metric counts the notifications. Chart it over time to compare the other metrics with the point in time where policies were triggered.",
        "general", "notifications", "NONE")
    { Noteworthy = true };

    public static OverviewTile Processes { get; } = new("procCount", "Running Processes", "Total number of processes that were running during the capture", "general", "procs", "")
    { Excludable = false, Aggregation = TileAggregation.Average, CountsDistinct = true };

    public static OverviewTile Containers { get; } = new("containerCount", "Running Containers", "Total number of containers that were running during the capture", "general", "containers", "")
    { Excludable = false, Aggregation = TileAggregation.Average, CountsDistinct = true };

    public static OverviewTile SystemCalls { get; } = new("syscallCount", "System Calls", "Number of system calls performed by any process/container in the system", "general", "syscalls", "") { Excludable = false };

    public static OverviewTile FileBytes { get; } = new("fileBytes", "File Bytes In+Out", "Amount of bytes read from or written to the file system", "file", "files", "fd.directory") { Excludable = false, TargetViewSortingColumn = 2 };

    public static OverviewTile FileBytesIn { get; } = new("fileBytesR", "File Bytes In", "Amount of bytes read from the file system", "file", "files", "fd.directory") { Excludable = false, TargetViewSortingColumn = 0 };

    public static OverviewTile FileBytesOut { get; } = new("fileBytesW", "File Bytes Out", "Amount of bytes written to the file system", "file", "files", "fd.directory") { Excludable = false, TargetViewSortingColumn = 1 };

    public static OverviewTile AccessedFiles { get; } = new("fileCount", "Accessed Files", "Number of files that have been accessed during the capture", "file", "files", "fd.directory")
    { TargetViewFilter = "evt.is_io_read=true", TargetViewSortingColumn = 2, CountsDistinct = true };

    public static OverviewTile ModifiedFiles { get; } = new("fileCountW", "Modified Files", "Number of files that have been received writes during the capture", "file", "files", "fd.directory")
    { TargetViewFilter = "evt.is_io_write=true", TargetViewSortingColumn = 1, CountsDistinct = true };

    public static OverviewTile NetBytes { get; } = new("netBytes", "Net Bytes In+Out", "Amount of bytes read from or written to the network", "network", "sports", "fd.directory") { Excludable = false, TargetViewSortingColumn = 4 };

    public static OverviewTile NetBytesIn { get; } = new("netBytesR", "Net Bytes In", "Amount of bytes read from the network", "network", "sports", "fd.sport") { Excludable = false, TargetViewSortingColumn = 2 };

    public static OverviewTile NetBytesOut { get; } = new("netBytesW", "Net Bytes Out", "Amount of bytes written to the network", "network", "sports", "fd.sport") { Excludable = false, TargetViewSortingColumn = 3 };

    public static OverviewTile ActiveConnections { get; } = new("connectionCount", "Active Network Connections", "Number of network connections that have been accessed during the capture", "network", "connections", "fd.sport")
    { TargetViewFilter = "evt.is_io=true", TargetViewSortingColumn = 8, CountsDistinct = true };

    public static OverviewTile ListeningPorts { get; } = new("listeningPortCount", "Listening Ports", "Number of open ports on this system", "network", "port_bindings", "fd.sport")
    { Aggregation = TileAggregation.Average, CountsDistinct = true };

    public static OverviewTile NewListeningPorts { get; } = new("newListeningPorts", "New Listening Ports", "Number of open ports that have been added during the observation interval", "network", "port_bindings", "fd.sport") { Noteworthy = true };

    public static OverviewTile NewOutboundConnections { get; } = new("newConnectionsO", "New Outbound Connections", "New client network connections", "network", "dig", "NONE")
    { TargetViewTitle = "Connect events", TargetViewFilter = "evt.type=connect and evt.dir=< and fd.sport exists" };

    public static OverviewTile NewInboundConnections { get; } = new("newConnectionsI", "New Inbound Connections", "New server network connections", "network", "dig", "")
    { TargetViewTitle = "Connect events", TargetViewFilter = "evt.type=accept and evt.dir=< and fd.sport exists" };

    public static OverviewTile ExecutedCommands { get; } = new("executedCommands", "Executed Commands", "Number of new programs that have been executed during the observed interval", "security", "spy_users_wsysdig", "")
    { Excludable = false, Noteworthy = true };

    public static OverviewTile ExecutedInteractiveCommands { get; } = new("executedInteractiveCommands", "Executed Interactive Commands", "Number of new programs that have been executed from a shell during the observed interval", "security", "spy_users_wsysdig", "NONE")
    { TargetViewFilter = "proc.pname=bash", Noteworthy = true };

    public static OverviewTile NewSymlinks { get; } = new("newSymLinksCount", "New Symlinks", "Number of new symbolic links that were created", "security", "dig", "NONE")
    { TargetViewTitle = "Symlink creations", TargetViewFilter = "(evt.type=symlink or evt.type=symlinkat) and evt.dir=< and evt.failed = false", Noteworthy = true };

    public static OverviewTile ModifiedSystemFiles { get; } = new("sysFileCountW", "Modified System Files", "Number of files that have been accessed during the capture", "security", "files", "NONE")
    { TargetViewFilter = "evt.is_io_write=true", TargetViewSortingColumn = 1, Noteworthy = true, CountsDistinct = true };

    public static OverviewTile SudoInvocations { get; } = new("sudoInvocations", "Sudo Invocations", "Number of times the sudo program has been called", "security", "dig", "NONE")
    { TargetViewTitle = "Sudo executions", TargetViewFilter = "evt.type=execve and evt.arg.exe=sudo", Noteworthy = true };

    public static OverviewTile SetnsInvocations { get; } = new("setnsInvocations", "Setns Invocations", "Number of times the setns system call has been called. Setns is typically used to \"enter\" in another container", "security", "dig", "NONE")
    { TargetViewTitle = "Setns executions", TargetViewFilter = "evt.type=setns", Noteworthy = true };

    public static OverviewTile NewSshConnections { get; } = new("newConnectionsSsh", "New SSH Connections", "Client or server connections", "security", "dig", "")
    { TargetViewTitle = "Connect events", TargetViewFilter = "(evt.type=accept or evt.type=connect) and evt.dir=< and fd.sport=22", Noteworthy = true };

    public static OverviewTile DeletedFiles { get; } = new("fileDeletionsCount", "Deleted Files", "Number of files that were deleted", "security", "dig", "NONE")
    { TargetViewTitle = "File deletions", TargetViewFilter = "evt.type=unlink or evt.type=unlinkat", Noteworthy = true };

    public static OverviewTile HttpRequests { get; } = new("sysReqCountHttp", "HTTP Requests", "Number of HTTP requests", "performance", "echo", "fd.directory")
    { TargetViewTitle = "HTTP responses", TargetViewFilter = "(fd.type=ipv4 or fd.type=ipv6) and evt.buffer contains \"HTTP/\"", Noteworthy = true };

    public static OverviewTile HttpErrors { get; } = new("sysErrCountHttp", "HTTP Errors", "Number of HTTP responses with code different from 400", "performance", "echo", "fd.directory")
    { TargetViewTitle = "HTTP responses", TargetViewFilter = "(fd.type=ipv4 or fd.type=ipv6) and evt.arg.data startswith \"HTTP/\" and not evt.arg.data contains \"200\"", Noteworthy = true };

    public static OverviewTile FileOpenErrors { get; } = new("openErrorCount", "File Open Errors", "Count of failed file opens", "performance", "dig", "fd.directory")
    { TargetViewTitle = "Failed open() calls", TargetViewFilter = "evt.type=open and evt.rawres<0" };

    public static OverviewTile Forks { get; } = new("forkCount", "Fork Count", "Count of processes and threads that have been created", "performance", "dig", "NONE")
    { TargetViewTitle = "Clone executions", TargetViewFilter = "evt.type=clone and evt.rawres=0" };

    public static OverviewTile FailedConnections { get; } = new("connectErrorCount", "Failed Connection Attempts", "Count of failed network connect calls", "performance", "dig", "NONE")
    { TargetViewTitle = "Failed connect() calls", TargetViewFilter = "evt.type=connect and (fd.type=ipv4 or fd.type=ipv6) and evt.rawres<0 and evt.res!=EINPROGRESS", Noteworthy = true };

    public static OverviewTile Signals { get; } = new("signalCount", "Received Signals", "Number of unix signals that have been received by the processes on the system", "performance", "dig", "NONE")
    { TargetViewTitle = "Received signals", TargetViewFilter = "evt.type=signaldeliver" };

    public static OverviewTile Segfaults { get; } = new("segfaultCount", "Segmentation Faults", "Number of process segfaults", "performance", "dig", "NONE")
    { TargetViewTitle = "List of segfault events", TargetViewFilter = "evt.type=signaldeliver and evt.arg.sig=SIGSEV", Noteworthy = true };

    public static OverviewTile SlowIo1Ms { get; } = new("over1msFileIoCount", "Slow File I/O calls (1ms+)", "Number of file read or write calls that took more than 1ms to return", "performance", "slow_io", "NONE") { TargetViewSortingColumn = 1 };

    public static OverviewTile SlowIo10Ms { get; } = new("over10msFileIoCount", "Slow File I/O calls (10ms+)", "Number of file read or write calls that took more than 10ms to return", "performance", "slow_io", "NONE") { TargetViewSortingColumn = 1 };

    public static OverviewTile SlowIo100Ms { get; } = new("over100msFileIoCount", "Slow File I/O calls (100ms+)", "Number of file read or write calls that took more than 100ms to return", "performance", "slow_io", "NONE")
    { TargetViewSortingColumn = 1, Noteworthy = true };

    public static OverviewTile AppLogs { get; } = new("appLogCount", "App Log Messages", "Number of writes to application log files", "logs", "echo", "NONE")
    { TargetViewTitle = "Application Log Messages", TargetViewFilter = Io };

    public static OverviewTile AppLogWarnings { get; } = new("appLogCountW", "App Log Warning Messages", "Number of writes to application log files containing the word \"warning\"", "logs", "echo", "NONE")
    {
        TargetViewTitle = "Warning Application Log Messages",
        TargetViewFilter = "((fd.name contains .log or fd.name contains _log or fd.name contains /var/log) and not (fd.name contains .gz or fd.name icontains .tgz)) and evt.is_io_write=true and evt.arg.data icontains warn",
    };

    public static OverviewTile AppLogErrors { get; } = new("appLogCountE", "App Log Error Messages", "Number of writes to application log files containing the word \"error\"", "logs", "echo", "NONE")
    {
        TargetViewTitle = "Error Application Log Messages",
        TargetViewFilter = Io + " and (evt.arg.data icontains error or evt.arg.data icontains critic or evt.arg.data icontains emerg or evt.arg.data icontains alert)",
        Noteworthy = true,
    };

    public static OverviewTile Syslog { get; } = new("sysLogCount", "Syslog Messages", "Number of entries written to syslog", "logs", "spy_syslog", "NONE") { TargetViewTitle = "Syslog Messages" };

    public static OverviewTile SyslogWarnings { get; } = new("sysLogCountW", "Syslog Warning Messages", "Number of entries with severity WARNING written to syslog", "logs", "spy_syslog", "NONE")
    { TargetViewTitle = "Syslog Messages", TargetViewFilter = "syslog.severity=4" };

    public static OverviewTile SyslogErrors { get; } = new("sysLogCountE", "Syslog Error Messages", "Number of entries with severity ERROR or lower written to syslog", "logs", "spy_syslog", "NONE")
    { TargetViewTitle = "Syslog Messages", TargetViewFilter = "syslog.severity<4", Noteworthy = true };

    public static OverviewTile DockerEvents { get; } = new("dockerEvtsCount", "Docker Events", "Total number of events generated by docker activity", "infrastructure", "docker_events", "NONE") { Noteworthy = true };

    /// <summary>The fixed tiles in page order (protocol and per-name docker tiles follow them).</summary>
    public static IReadOnlyList<OverviewTile> Fixed { get; } =
    [
        Notifications, Processes, Containers, SystemCalls, FileBytes, FileBytesIn, FileBytesOut, AccessedFiles, ModifiedFiles,
        NetBytes, NetBytesIn, NetBytesOut, ActiveConnections, ListeningPorts, NewListeningPorts, NewOutboundConnections,
        NewInboundConnections, ExecutedCommands, ExecutedInteractiveCommands, NewSymlinks, ModifiedSystemFiles, SudoInvocations,
        SetnsInvocations, NewSshConnections, DeletedFiles, HttpRequests, HttpErrors, FileOpenErrors, Forks, FailedConnections,
        Signals, Segfaults, SlowIo1Ms, SlowIo10Ms, SlowIo100Ms, AppLogs, AppLogWarnings, AppLogErrors, Syslog, SyslogWarnings,
        SyslogErrors, DockerEvents,
    ];

    /// <summary>The "Network Apps" tile counting the bytes of one protocol's server ports.</summary>
    public static OverviewTile ProtocolTile(string protocol, IReadOnlyList<int> ports) =>
        new("protoBytes_" + protocol, protocol + " Bytes", "Total number of network bytes generated by the " + protocol + " protocol", "napps", "connections", "NONE")
        {
            TargetViewFilter = string.Join(" or ", ports.Select(p => "fd.sport=" + p.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };

    /// <summary>The tile counting docker events of one name.</summary>
    public static OverviewTile DockerTile(string name) =>
        new("dockerEvtsCount" + name, name + " Events", "Total number of docker events of type " + name, "infrastructure", "docker_events", "NONE")
        {
            TargetViewFilter = "evt.arg.name=\"" + name + "\"",
            Noteworthy = true,
        };
}
