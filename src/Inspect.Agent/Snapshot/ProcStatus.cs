using System.Globalization;

namespace Inspect.Agent.Snapshot;

/// <summary>The fields of /proc/PID/status a thread entry needs (ids as the host sees them and as the thread's namespace does).</summary>
public sealed record ProcStatus
{
    /// <summary>Effective uid (what libscap reports).</summary>
    public uint Uid { get; init; }

    /// <summary>Effective gid.</summary>
    public uint Gid { get; init; }

    public uint VmSizeKb { get; init; }

    public uint VmRssKb { get; init; }

    public uint VmSwapKb { get; init; }

    public ulong CapInheritable { get; init; }

    public ulong CapPermitted { get; init; }

    public ulong CapEffective { get; init; }

    /// <summary>Thread id in the innermost pid namespace (last NSpid value); -1 when absent.</summary>
    public long NamespaceTid { get; init; } = -1;

    /// <summary>Process id in the innermost pid namespace (last NStgid value); -1 when absent.</summary>
    public long NamespacePid { get; init; } = -1;

    public static ProcStatus? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var status = new ProcStatus();
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var values = line[(colon + 1)..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0)
            {
                continue;
            }

            status = line[..colon] switch
            {
                "Uid" when values.Length > 1 => status with { Uid = uint.Parse(values[1], CultureInfo.InvariantCulture) },
                "Gid" when values.Length > 1 => status with { Gid = uint.Parse(values[1], CultureInfo.InvariantCulture) },
                "VmSize" => status with { VmSizeKb = uint.Parse(values[0], CultureInfo.InvariantCulture) },
                "VmRSS" => status with { VmRssKb = uint.Parse(values[0], CultureInfo.InvariantCulture) },
                "VmSwap" => status with { VmSwapKb = uint.Parse(values[0], CultureInfo.InvariantCulture) },
                "CapInh" => status with { CapInheritable = ulong.Parse(values[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) },
                "CapPrm" => status with { CapPermitted = ulong.Parse(values[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) },
                "CapEff" => status with { CapEffective = ulong.Parse(values[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) },
                "NSpid" => status with { NamespaceTid = long.Parse(values[^1], CultureInfo.InvariantCulture) },
                "NStgid" => status with { NamespacePid = long.Parse(values[^1], CultureInfo.InvariantCulture) },
                _ => status,
            };
        }

        return status;
    }
}
