using System.Globalization;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>The machine-info block from /proc and /sys: host name, online CPUs, memory, pid limit, boot time.</summary>
public static class MachineInfoReader
{
    public static MachineInfo Read(string procRoot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(procRoot);
        return new MachineInfo
        {
            Hostname = ProcFiles.ReadText(Path.Combine(procRoot, "sys/kernel/hostname"))?.Trim() ?? Environment.MachineName,
            NumCpus = OnlineCpus(),
            MemorySizeBytes = MemTotalKb(ProcFiles.ReadText(Path.Combine(procRoot, "meminfo"))) * 1024,
            MaxPid = ulong.TryParse(ProcFiles.ReadText(Path.Combine(procRoot, "sys/kernel/pid_max"))?.Trim(), CultureInfo.InvariantCulture, out var maxPid) ? maxPid : 0,
            BootTimeEpochNs = BootTimeNs(ProcFiles.ReadText(Path.Combine(procRoot, "uptime")), now),
        };
    }

    /// <summary>MemTotal of /proc/meminfo, in kB.</summary>
    public static ulong MemTotalKb(string? meminfo)
    {
        foreach (var line in (meminfo ?? "").Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var value = line["MemTotal:".Length..].Trim().Split(' ')[0];
                return ulong.TryParse(value, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
            }
        }

        return 0;
    }

    /// <summary>Boot time as ns since the epoch: <paramref name="now"/> minus the first /proc/uptime value (10 ms resolution).</summary>
    public static ulong BootTimeNs(string? uptime, DateTimeOffset now)
    {
        var first = (uptime ?? "").Split(' ')[0];
        if (!decimal.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return 0;
        }

        return (ulong)(ProcSnapshotSource.EpochNs(now) - (seconds * 1_000_000_000m));
    }

    // Online CPUs as the kernel lists them ("0-1,4"); falls back on what the runtime sees.
    private static uint OnlineCpus()
    {
        var online = ProcFiles.ReadText("/sys/devices/system/cpu/online")?.Trim();
        if (string.IsNullOrEmpty(online))
        {
            return (uint)Environment.ProcessorCount;
        }

        uint count = 0;
        foreach (var range in online.Split(','))
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            count += dash < 0 ? 1 : (uint)(int.Parse(range.AsSpan(dash + 1), CultureInfo.InvariantCulture) - int.Parse(range.AsSpan(0, dash), CultureInfo.InvariantCulture) + 1);
        }

        return count;
    }
}
