using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Interop;

/// <summary>
/// A probe loaded into the kernel (<c>inspect_probe_open</c>) and the safe handle that owns it. Methods throw
/// <see cref="ProbeException"/> on failure. Thread safety is the shim's: <see cref="Consume"/> from one thread at a
/// time; targets, snaplen and statistics from any thread; attach, detach and dispose never concurrently with anything.
/// </summary>
public sealed class LoadedProbe : IDisposable
{
    private readonly SafeProbeHandle _handle;
    private ProbeCpuStats[] _perCpu = [];

    private LoadedProbe(SafeProbeHandle handle)
    {
        _handle = handle;
        RingCount = ProbeErrors.Check(NativeMethods.RingCount(handle), "number of rings");
        CpuCount = ProbeErrors.Check(NativeMethods.CpuCount(handle), "number of CPUs");
    }

    /// <summary>Rings the probe writes to; records carry the ring index.</summary>
    public int RingCount { get; }

    /// <summary>Possible CPUs (rows of the per-CPU statistics).</summary>
    public int CpuCount { get; }

    /// <summary>Loads the probe after checking the library's versions. Nothing is captured until targets are set and <see cref="Attach"/> runs.</summary>
    public static LoadedProbe Open(ProbeConfig config)
    {
        ProbeLibrary.EnsureCompatible();
        var rc = NativeMethods.Open(in config, out var handle);
        if (rc < 0)
        {
            handle.Dispose();
            ProbeErrors.Check(rc, "loading the eBPF probe");
        }

        return new LoadedProbe(handle);
    }

    public void SetSnaplen(uint snaplen) => ProbeErrors.Check(NativeMethods.SetSnaplen(_handle, snaplen), $"snaplen {snaplen}");

    public void SetTargetAll(bool enabled) => ProbeErrors.Check(NativeMethods.SetTargetAll(_handle, enabled ? 1 : 0), "targeting every process");

    public void AddTargetPid(int pid) => ProbeErrors.Check(NativeMethods.AddTargetPid(_handle, checked((uint)pid)), $"targeting pid {pid}");

    public void RemoveTargetPid(int pid) => ProbeErrors.Check(NativeMethods.RemoveTargetPid(_handle, checked((uint)pid)), $"untargeting pid {pid}");

    /// <summary>Targets a cgroup v2 directory and everything below it; returns its cgroup id.</summary>
    public ulong AddTargetCgroup(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ProbeErrors.Check(NativeMethods.AddTargetCgroupPath(_handle, path, out var id), $"targeting cgroup {path}");
        return id;
    }

    public void ClearTargets() => ProbeErrors.Check(NativeMethods.ClearTargets(_handle), "clearing targets");

    public void Attach() => ProbeErrors.Check(NativeMethods.Attach(_handle), "attaching the eBPF probe");

    public void Detach() => ProbeErrors.Check(NativeMethods.Detach(_handle), "detaching the eBPF probe");

    /// <summary>
    /// Moves queued events into <paramref name="buffer"/> as framed records (<see cref="ProbeRecordHeader"/>), waiting up
    /// to <paramref name="timeoutMs"/> when none are queued. Returns the bytes filled; 0 on timeout.
    /// </summary>
    public unsafe int Consume(Span<byte> buffer, int timeoutMs, out int records)
    {
        ulong bytes;
        uint count;
        fixed (byte* p = buffer)
        {
            ProbeErrors.Check(NativeMethods.Consume(_handle, p, (ulong)buffer.Length, timeoutMs, out bytes, out count), "reading events");
        }

        records = (int)count;
        return (int)bytes;
    }

    /// <summary>The counters summed over CPUs.</summary>
    public unsafe ProbeCpuStats ReadTotals()
    {
        ProbeErrors.Check(NativeMethods.GetStats(_handle, null, 0, out var total), "reading statistics");
        return total;
    }

    /// <summary>One row of counters per possible CPU.</summary>
    public unsafe IReadOnlyList<ProbeCpuStats> ReadPerCpu()
    {
        if (_perCpu.Length != CpuCount)
        {
            _perCpu = new ProbeCpuStats[CpuCount];
        }

        fixed (ProbeCpuStats* rows = _perCpu)
        {
            ProbeErrors.Check(NativeMethods.GetStats(_handle, rows, (uint)_perCpu.Length, out _), "reading statistics");
        }

        return (ProbeCpuStats[])_perCpu.Clone();
    }

    public void Dispose() => _handle.Dispose();
}
