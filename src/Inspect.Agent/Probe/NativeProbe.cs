using Inspect.Agent.Interop;
using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Probe;

/// <summary>The real probe: libinspectprobe.so loaded into the kernel. Failures surface as <see cref="ProbeException"/>.</summary>
public sealed class NativeProbe : IProbe
{
    private readonly LoadedProbe _probe;

    private NativeProbe(LoadedProbe probe) => _probe = probe;

    public static NativeProbe Open(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProbeConfig { RingSizeBytes = options.RingSizeBytes, CpusPerRing = options.CpusPerRing };
        return new NativeProbe(LoadedProbe.Open(config));
    }

    public void SetSnaplen(uint snaplen) => _probe.SetSnaplen(snaplen);

    public void TargetAllProcesses() => _probe.SetTargetAll(true);

    public void TargetProcess(int pid) => _probe.AddTargetPid(pid);

    public void TargetCgroup(string cgroupPath) => _probe.AddTargetCgroup(cgroupPath);

    public void Attach() => _probe.Attach();

    public void Detach() => _probe.Detach();

    public int Consume(Span<byte> buffer, TimeSpan timeout) =>
        _probe.Consume(buffer, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue), out _);

    public ProbeStatistics ReadStatistics()
    {
        var total = _probe.ReadTotals();
        return new ProbeStatistics(total.Events, total.DropsBufferFull, total.DropsMaxEventSize, total.DropsInternal);
    }

    public void Dispose() => _probe.Dispose();
}
