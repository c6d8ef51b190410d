namespace Inspect.Analysis.Overview;

/// <summary>Positions of the fixed tiles in <see cref="OverviewCatalog.Fixed"/>, so counters are plain array slots.</summary>
internal static class TileIndex
{
    public static readonly int Notifications = Of(OverviewCatalog.Notifications);
    public static readonly int Processes = Of(OverviewCatalog.Processes);
    public static readonly int Containers = Of(OverviewCatalog.Containers);
    public static readonly int SystemCalls = Of(OverviewCatalog.SystemCalls);
    public static readonly int FileBytes = Of(OverviewCatalog.FileBytes);
    public static readonly int FileBytesIn = Of(OverviewCatalog.FileBytesIn);
    public static readonly int FileBytesOut = Of(OverviewCatalog.FileBytesOut);
    public static readonly int AccessedFiles = Of(OverviewCatalog.AccessedFiles);
    public static readonly int ModifiedFiles = Of(OverviewCatalog.ModifiedFiles);
    public static readonly int NetBytes = Of(OverviewCatalog.NetBytes);
    public static readonly int NetBytesIn = Of(OverviewCatalog.NetBytesIn);
    public static readonly int NetBytesOut = Of(OverviewCatalog.NetBytesOut);
    public static readonly int ActiveConnections = Of(OverviewCatalog.ActiveConnections);
    public static readonly int ListeningPorts = Of(OverviewCatalog.ListeningPorts);
    public static readonly int NewListeningPorts = Of(OverviewCatalog.NewListeningPorts);
    public static readonly int NewOutboundConnections = Of(OverviewCatalog.NewOutboundConnections);
    public static readonly int NewInboundConnections = Of(OverviewCatalog.NewInboundConnections);
    public static readonly int ExecutedCommands = Of(OverviewCatalog.ExecutedCommands);
    public static readonly int ExecutedInteractiveCommands = Of(OverviewCatalog.ExecutedInteractiveCommands);
    public static readonly int NewSymlinks = Of(OverviewCatalog.NewSymlinks);
    public static readonly int ModifiedSystemFiles = Of(OverviewCatalog.ModifiedSystemFiles);
    public static readonly int SudoInvocations = Of(OverviewCatalog.SudoInvocations);
    public static readonly int SetnsInvocations = Of(OverviewCatalog.SetnsInvocations);
    public static readonly int NewSshConnections = Of(OverviewCatalog.NewSshConnections);
    public static readonly int DeletedFiles = Of(OverviewCatalog.DeletedFiles);
    public static readonly int HttpRequests = Of(OverviewCatalog.HttpRequests);
    public static readonly int HttpErrors = Of(OverviewCatalog.HttpErrors);
    public static readonly int FileOpenErrors = Of(OverviewCatalog.FileOpenErrors);
    public static readonly int Forks = Of(OverviewCatalog.Forks);
    public static readonly int FailedConnections = Of(OverviewCatalog.FailedConnections);
    public static readonly int Signals = Of(OverviewCatalog.Signals);
    public static readonly int Segfaults = Of(OverviewCatalog.Segfaults);
    public static readonly int SlowIo1Ms = Of(OverviewCatalog.SlowIo1Ms);
    public static readonly int SlowIo10Ms = Of(OverviewCatalog.SlowIo10Ms);
    public static readonly int SlowIo100Ms = Of(OverviewCatalog.SlowIo100Ms);
    public static readonly int AppLogs = Of(OverviewCatalog.AppLogs);
    public static readonly int AppLogWarnings = Of(OverviewCatalog.AppLogWarnings);
    public static readonly int AppLogErrors = Of(OverviewCatalog.AppLogErrors);
    public static readonly int Syslog = Of(OverviewCatalog.Syslog);
    public static readonly int SyslogWarnings = Of(OverviewCatalog.SyslogWarnings);
    public static readonly int SyslogErrors = Of(OverviewCatalog.SyslogErrors);
    public static readonly int DockerEvents = Of(OverviewCatalog.DockerEvents);

    private static int Of(OverviewTile tile)
    {
        var list = OverviewCatalog.Fixed;
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], tile))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"tile {tile.Id} is missing from the catalog");
    }
}
