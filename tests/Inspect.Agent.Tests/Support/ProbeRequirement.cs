using Inspect.Agent.Interop;
using Inspect.Agent.Probe;

namespace Inspect.Agent.Tests.Support;

/// <summary>Skips a test, loudly, when this machine cannot load the eBPF probe (not root, no BTF, old kernel).</summary>
internal static class ProbeRequirement
{
    public static void SkipUnlessProbeLoads()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("needs root to load eBPF: run the tests as root (sudo dotnet test) to record real captures; this end-to-end test did NOT run");
        }

        string? why;
        try
        {
            why = new NativeProbeFactory().WhyUnsupported();
        }
        catch (ProbeException e)
        {
            throw new InvalidOperationException($"libinspectprobe.so is missing or broken; run `make -C native` first: {e.Message}", e);
        }

        if (why is not null)
        {
            Assert.Skip($"this machine cannot load the eBPF probe ({why}); this end-to-end test did NOT run");
        }
    }
}
