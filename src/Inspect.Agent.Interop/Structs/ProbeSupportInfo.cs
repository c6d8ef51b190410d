using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Inspect.Agent.Interop.Structs;

/// <summary>Mirror of <c>struct inspect_probe_support</c> (96 bytes): what <c>inspect_probe_check_support</c> found out about this machine.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeSupportInfo
{
    public uint KernelMajor;

    public uint KernelMinor;

    public uint KernelPatch;

    /// <summary>Non-zero when /sys/kernel/btf/vmlinux is readable.</summary>
    public uint HasBtf;

    /// <summary>Non-zero with effective CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN.</summary>
    public uint HasPrivileges;

    /// <summary>Non-zero on kernels with BPF ring buffers (5.8+).</summary>
    public uint HasRingBuffer;

    /// <summary>Non-zero on kernels with BTF-typed tracepoints (5.5+).</summary>
    public uint HasTpBtf;

    public uint Reserved;

    /// <summary><c>uname -r</c>, NUL-terminated.</summary>
    public KernelReleaseText KernelRelease;

    /// <summary><see cref="KernelRelease"/> as a string.</summary>
    public readonly string KernelReleaseString
    {
        get
        {
            ReadOnlySpan<byte> bytes = KernelRelease;
            var end = bytes.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        }
    }
}

/// <summary>The fixed 64-byte <c>char kernel_release[64]</c> of <see cref="ProbeSupportInfo"/>.</summary>
[InlineArray(64)]
public struct KernelReleaseText
{
    private byte _first;
}
