using Microsoft.Win32.SafeHandles;

namespace Inspect.Agent.Interop;

/// <summary>Owns an <c>inspect_probe *</c>; releasing it detaches and frees the probe (<c>inspect_probe_close</c>).</summary>
public sealed class SafeProbeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the marshaller for <c>out</c> parameters.</summary>
    public SafeProbeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.Close(handle);
        return true;
    }
}
