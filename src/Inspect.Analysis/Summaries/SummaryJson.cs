using System.Globalization;
using Inspect.Analysis.Formatting;

namespace Inspect.Analysis.Summaries;

/// <summary>The summary as JSON, and byte counts as sysdig's chisels print them.</summary>
public static class SummaryJson
{
    public static string Write(Summary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Json.Object(new Dictionary<string, object?>
        {
            ["events"] = s.Events,
            ["firstTimestamp"] = s.FirstTimestamp,
            ["lastTimestamp"] = s.LastTimestamp,
            ["topProcessesBySyscalls"] = s.TopProcessesBySyscalls.Select(p => Obj(("name", p.Name), ("pid", p.Pid), ("events", p.Value))).ToList(),
            ["topProcessesByCpu"] = s.TopProcessesByCpu.Select(p => Obj(("name", p.Name), ("pid", p.Pid), ("cpuPercent", Math.Round(p.CpuPercent, 2)))).ToList(),
            ["topProcessesByFileBytes"] = s.TopProcessesByFileBytes.Select(p => Obj(("name", p.Name), ("pid", p.Pid), ("bytes", p.Value))).ToList(),
            ["topProcessesByNetworkBytes"] = s.TopProcessesByNetworkBytes.Select(p => Obj(("name", p.Name), ("pid", p.Pid), ("bytes", p.Value))).ToList(),
            ["topFiles"] = s.TopFiles.Select(f => Obj(("name", f.Name), ("bytes", f.Bytes), ("bytesRead", f.BytesRead), ("bytesWritten", f.BytesWritten))).ToList(),
            ["topConnections"] = s.TopConnections.Select(c => Obj(("protocol", c.Protocol), ("connection", c.Connection), ("bytes", c.Bytes),
                ("bytesIn", c.BytesIn), ("bytesOut", c.BytesOut), ("container", c.Container), ("pod", c.Pod))).ToList(),
            ["newProcesses"] = s.NewProcesses.Select(p => Obj(("timestamp", p.Timestamp), ("pid", p.Pid), ("cmdline", p.CommandLine), ("exeline", p.ExeLine),
                ("user", p.User), ("container", p.Container), ("ancestors", p.Ancestors.ToList()))).ToList(),
            ["failedSyscalls"] = s.FailedSyscalls.Select(e => Obj(("error", e.Error), ("count", e.Count), ("syscalls", e.TopSyscalls.ToList()))).ToList(),
            ["listeningServers"] = s.ListeningServers.Select(l => Obj(("protocol", l.Protocol), ("address", l.Address), ("tid", l.Tid), ("pid", l.Pid), ("name", l.Name), ("boundDuringCapture", l.BoundDuringCapture))).ToList(),
            ["eventsPerSecondByContainer"] = s.EventsPerSecondByContainer.Select(c => Obj(("second", c.Second), ("container", c.Container), ("events", c.Events))).ToList(),
            ["redaction"] = s.Redaction is { } r
                ? Obj(("final", r.Final), ("total", r.Total), ("rules", r.Rules.Select(c => Obj(("rule", c.Rule), ("count", c.Count))).ToList()))
                : null,
        });
    }

    /// <summary>A byte count as sysdig's chisels print it: "512B", "1.50KB", "2.00M", ...</summary>
    public static string Bytes(long v)
    {
        const double k = 1024;
        return v switch
        {
            > (long)(k * k * k * k * k) => (v / (k * k * k * k * k)).ToString("0.00", CultureInfo.InvariantCulture) + "P",
            > (long)(k * k * k * k) => (v / (k * k * k * k)).ToString("0.00", CultureInfo.InvariantCulture) + "T",
            > (long)(k * k * k) => (v / (k * k * k)).ToString("0.00", CultureInfo.InvariantCulture) + "G",
            > (long)(k * k) => (v / (k * k)).ToString("0.00", CultureInfo.InvariantCulture) + "M",
            > 1024 => (v / k).ToString("0.00", CultureInfo.InvariantCulture) + "KB",
            _ => v.ToString(CultureInfo.InvariantCulture) + "B",
        };
    }

    private static Dictionary<string, object?> Obj(params (string Key, object? Value)[] members) =>
        members.ToDictionary(m => m.Key, m => m.Value);
}
