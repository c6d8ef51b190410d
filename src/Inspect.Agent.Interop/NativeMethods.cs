using System.Runtime.InteropServices;
using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Interop;

/// <summary>
/// Every native entry point the agent calls, and nothing else: the flat C API of libinspectprobe.so
/// (native/shim/inspect_probe.h) plus libc's kill(2). Return codes are turned into exceptions by
/// <see cref="ProbeErrors"/>, never here.
/// </summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>The name <see cref="ProbeLibraryResolver"/> maps to libinspectprobe.so.</summary>
    public const string Library = "inspectprobe";

    /// <summary>The name <see cref="ProbeLibraryResolver"/> maps to libc.so.6.</summary>
    public const string LibC = "libc";

    static NativeMethods() => ProbeLibraryResolver.Register();

    [LibraryImport(Library, EntryPoint = "inspect_probe_api_version")]
    public static partial IntPtr ApiVersion();

    [LibraryImport(Library, EntryPoint = "inspect_probe_schema_version")]
    public static partial IntPtr SchemaVersion();

    [LibraryImport(Library, EntryPoint = "inspect_probe_strerror")]
    public static partial IntPtr StrError(int err);

    [LibraryImport(Library, EntryPoint = "inspect_probe_last_log")]
    public static partial nuint LastLog(byte* buffer, nuint capacity);

    [LibraryImport(Library, EntryPoint = "inspect_probe_struct_size")]
    public static partial long StructSize(int which);

    [LibraryImport(Library, EntryPoint = "inspect_probe_struct_offset")]
    public static partial long StructOffset(int which, int field);

    [LibraryImport(Library, EntryPoint = "inspect_probe_check_support")]
    public static partial int CheckSupport(out ProbeSupportInfo support);

    [LibraryImport(Library, EntryPoint = "inspect_probe_open")]
    public static partial int Open(in ProbeConfig config, out SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_close")]
    public static partial void Close(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_num_rings")]
    public static partial int RingCount(SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_num_cpus")]
    public static partial int CpuCount(SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_set_snaplen")]
    public static partial int SetSnaplen(SafeProbeHandle handle, uint snaplen);

    [LibraryImport(Library, EntryPoint = "inspect_probe_set_target_all")]
    public static partial int SetTargetAll(SafeProbeHandle handle, int enabled);

    [LibraryImport(Library, EntryPoint = "inspect_probe_add_target_pid")]
    public static partial int AddTargetPid(SafeProbeHandle handle, uint tgid);

    [LibraryImport(Library, EntryPoint = "inspect_probe_remove_target_pid")]
    public static partial int RemoveTargetPid(SafeProbeHandle handle, uint tgid);

    [LibraryImport(Library, EntryPoint = "inspect_probe_add_target_cgroup_path", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int AddTargetCgroupPath(SafeProbeHandle handle, string path, out ulong cgroupId);

    [LibraryImport(Library, EntryPoint = "inspect_probe_cgroup_id_of_path", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CgroupIdOfPath(string path, out ulong cgroupId);

    [LibraryImport(Library, EntryPoint = "inspect_probe_clear_targets")]
    public static partial int ClearTargets(SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_attach")]
    public static partial int Attach(SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_detach")]
    public static partial int Detach(SafeProbeHandle handle);

    [LibraryImport(Library, EntryPoint = "inspect_probe_consume")]
    public static partial int Consume(SafeProbeHandle handle, byte* buffer, ulong capacity, int timeoutMs, out ulong bytes, out uint records);

    [LibraryImport(Library, EntryPoint = "inspect_probe_get_stats")]
    public static partial int GetStats(SafeProbeHandle handle, ProbeCpuStats* perCpu, uint capacity, out ProbeCpuStats total);

    [LibraryImport(LibC, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
