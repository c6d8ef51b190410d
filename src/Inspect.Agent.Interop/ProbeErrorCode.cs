namespace Inspect.Agent.Interop;

/// <summary>The shim's <c>enum inspect_probe_error</c>: 0 is success, every failure is negative.</summary>
public enum ProbeErrorCode
{
    Ok = 0,

    /// <summary>Bad argument.</summary>
    InvalidArgument = -1,

    OutOfMemory = -2,

    /// <summary>Missing CAP_BPF/CAP_PERFMON or CAP_SYS_ADMIN.</summary>
    Permission = -3,

    /// <summary>The kernel has no /sys/kernel/btf/vmlinux.</summary>
    NoBtf = -4,

    /// <summary>The kernel lacks BPF ring buffers or BTF tracepoints.</summary>
    KernelTooOld = -5,

    /// <summary>BPF load or verification failed; the exception carries the verifier log.</summary>
    Load = -6,

    /// <summary>Attaching a program failed.</summary>
    Attach = -7,

    /// <summary>The call is not valid in the handle's current state.</summary>
    State = -8,

    /// <summary>A path or target does not exist.</summary>
    NotFound = -9,

    /// <summary>Another system call failed.</summary>
    System = -10,

    /// <summary>The consume buffer cannot hold the next record.</summary>
    Buffer = -11,

    /// <summary>A target map is full.</summary>
    TargetsFull = -12,

    /// <summary>Not a shim code: libinspectprobe.so itself could not be found or loaded.</summary>
    LibraryMissing = -1000,

    /// <summary>Not a shim code: the library's API major version differs from the one this assembly mirrors.</summary>
    VersionMismatch = -1001,
}
