using System.Runtime.InteropServices;
using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Interop;

/// <summary>Calls of libinspectprobe.so that need no loaded probe: versions, the support check, cgroup ids.</summary>
public static class ProbeLibrary
{
    /// <summary>The C API major version the structs of this assembly mirror (native/API_VERSION).</summary>
    public const int SupportedApiMajor = 1;

    /// <summary>The event schema major version the agent writes as is (native/SCHEMA_VERSION).</summary>
    public const int SupportedSchemaMajor = 1;

    /// <summary>"MAJOR.MINOR.PATCH" of the library's C API.</summary>
    public static string ApiVersion => ProbeErrors.Loading(() => Marshal.PtrToStringUTF8(NativeMethods.ApiVersion()) ?? "");

    /// <summary>"MAJOR.MINOR.PATCH" of the events the probe emits.</summary>
    public static string SchemaVersion => ProbeErrors.Loading(() => Marshal.PtrToStringUTF8(NativeMethods.SchemaVersion()) ?? "");

    /// <summary>
    /// What this machine offers the probe. <paramref name="blocker"/> is <see cref="ProbeErrorCode.Ok"/> when the probe can
    /// run, else the first reason it cannot (no BTF, missing privileges, old kernel).
    /// </summary>
    public static ProbeSupportInfo CheckSupport(out ProbeErrorCode blocker)
    {
        ProbeSupportInfo info = default;
        blocker = (ProbeErrorCode)ProbeErrors.Loading(() => NativeMethods.CheckSupport(out info));
        return info;
    }

    /// <summary>The cgroup v2 id (kernfs inode) of a cgroup directory.</summary>
    public static ulong CgroupIdOfPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ulong id = 0;
        ProbeErrors.Loading(() => ProbeErrors.Check(NativeMethods.CgroupIdOfPath(path, out id), $"cgroup id of {path}"));
        return id;
    }

    /// <summary>Fails unless the library implements the C API and event schema this assembly was written against.</summary>
    public static void EnsureCompatible()
    {
        if (Major(ApiVersion) != SupportedApiMajor || Major(SchemaVersion) != SupportedSchemaMajor)
        {
            throw new ProbeException(
                ProbeErrorCode.VersionMismatch,
                $"{ProbeLibraryResolver.FileName} implements API {ApiVersion} / schema {SchemaVersion}; this agent needs API {SupportedApiMajor}.x / schema {SupportedSchemaMajor}.x");
        }
    }

    /// <summary>The layout the shim reports for a struct of the shared header (for the mirror parity test).</summary>
    internal static long StructSize(int which) => ProbeErrors.Loading(() => NativeMethods.StructSize(which));

    internal static long StructOffset(int which, int field) => ProbeErrors.Loading(() => NativeMethods.StructOffset(which, field));

    private static int Major(string version) =>
        int.TryParse(version.AsSpan(0, Math.Max(0, version.IndexOf('.', StringComparison.Ordinal))), out var major) ? major : -1;
}
