using Inspect.Agent.Interop;

namespace Inspect.Agent.Probe;

/// <summary>Loads <see cref="NativeProbe"/>s, after asking the shim whether this machine can run them.</summary>
public sealed class NativeProbeFactory : IProbeFactory
{
    public string? WhyUnsupported()
    {
        var support = ProbeLibrary.CheckSupport(out var blocker);
        var kernel = $"kernel {support.KernelReleaseString}";
        return blocker switch
        {
            ProbeErrorCode.Ok => null,
            ProbeErrorCode.Permission => $"loading the eBPF probe needs root (or CAP_BPF and CAP_PERFMON); run as root, e.g. with sudo ({kernel})",
            ProbeErrorCode.NoBtf => $"{kernel} has no BTF type information (/sys/kernel/btf/vmlinux is missing): the probe needs a kernel built with CONFIG_DEBUG_INFO_BTF=y",
            ProbeErrorCode.KernelTooOld => $"{kernel} is too old: the probe needs BPF ring buffers and BTF tracepoints (Linux 5.8 or later)",
            _ => $"the probe cannot run on this machine ({kernel}): {blocker}",
        };
    }

    public IProbe Open(ProbeOptions options) => NativeProbe.Open(options);
}
