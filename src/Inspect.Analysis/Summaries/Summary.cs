namespace Inspect.Analysis.Summaries;

/// <summary>Inspect's overview of a capture: the data behind Sysdig Inspect's overview tiles.</summary>
public sealed record Summary
{
    public long Events { get; init; }

    public ulong FirstTimestamp { get; init; }

    public ulong LastTimestamp { get; init; }

    /// <summary>Processes by number of events (syscalls) they generated.</summary>
    public IReadOnlyList<ProcessCount> TopProcessesBySyscalls { get; init; } = [];

    /// <summary>Processes by CPU use from procinfo ticks, in percent of one CPU over the capture (sysdig's topprocs_cpu).</summary>
    public IReadOnlyList<ProcessCpu> TopProcessesByCpu { get; init; } = [];

    /// <summary>Processes by file bytes read and written (topprocs_file).</summary>
    public IReadOnlyList<ProcessCount> TopProcessesByFileBytes { get; init; } = [];

    /// <summary>Processes by network bytes (topprocs_net).</summary>
    public IReadOnlyList<ProcessCount> TopProcessesByNetworkBytes { get; init; } = [];

    /// <summary>Files by bytes read and written (topfiles_bytes).</summary>
    public IReadOnlyList<FileBytes> TopFiles { get; init; } = [];

    /// <summary>Connections by bytes in and out (topconns).</summary>
    public IReadOnlyList<ConnectionBytes> TopConnections { get; init; } = [];

    /// <summary>Programs started during the capture, with their ancestors.</summary>
    public IReadOnlyList<NewProcess> NewProcesses { get; init; } = [];

    /// <summary>Failed system calls by error.</summary>
    public IReadOnlyList<ErrorCount> FailedSyscalls { get; init; } = [];

    /// <summary>Listening sockets known at the first event or bound during the capture.</summary>
    public IReadOnlyList<ListeningServer> ListeningServers { get; init; } = [];

    /// <summary>Events per second per container ("host" outside containers).</summary>
    public IReadOnlyList<ContainerSecond> EventsPerSecondByContainer { get; init; } = [];

    /// <summary>Secrets masked per rule when the capture was redacted (from its metadata); null otherwise.</summary>
    public Scap.Model.RedactionSummary? Redaction { get; init; }
}

public sealed record ProcessCount(string Name, long Pid, long Value);

public sealed record ProcessCpu(string Name, long Pid, double CpuPercent);

public sealed record FileBytes(string Name, long Bytes, long BytesRead, long BytesWritten);

public sealed record ConnectionBytes(string Protocol, string Connection, long Bytes, long BytesIn, long BytesOut, string Container, string? Pod);

public sealed record NewProcess(ulong Timestamp, long Pid, string CommandLine, string ExeLine, string User, string Container, IReadOnlyList<string> Ancestors);

public sealed record ErrorCount(string Error, long Count, IReadOnlyList<string> TopSyscalls);

public sealed record ListeningServer(string Protocol, string Address, long Tid, long Pid, string Name, bool BoundDuringCapture);

public sealed record ContainerSecond(ulong Second, string Container, long Events);
