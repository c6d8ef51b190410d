using System.Reflection;
using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop;

/// <summary>
/// Finds libinspectprobe.so for <see cref="NativeMethods"/>: the file named by <c>INSPECT_PROBE_LIBRARY</c>, else the
/// copy next to this assembly (a published agent), else <c>native/build/</c> of the source checkout the assembly was
/// built in (developers and tests, after <c>make -C native</c>).
/// </summary>
internal static class ProbeLibraryResolver
{
    public const string EnvironmentVariable = "INSPECT_PROBE_LIBRARY";
    public const string FileName = "libinspectprobe.so";

    // "libc" alone would make the loader try libc.so, which on glibc systems is a linker script, not a library.
    private const string LibcFileName = "libc.so.6";

    private static int _registered;

    /// <summary>Where the library was looked for, for the error message when it is missing.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            candidates.Add(explicitPath);
            return candidates;
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        var assemblyDir = Path.GetDirectoryName(typeof(ProbeLibraryResolver).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir))
        {
            candidates.Add(Path.Combine(assemblyDir, FileName));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "native", "Makefile")))
            {
                candidates.Add(Path.Combine(dir.FullName, "native", "build", FileName));
                break;
            }
        }

        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(ProbeLibraryResolver).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName == NativeMethods.LibC)
        {
            return NativeLibrary.Load(LibcFileName);
        }

        if (libraryName != NativeMethods.Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate))
            {
                // Loading a file that exists but is broken (wrong architecture, missing libbpf1) throws with the
                // loader's reason, which is the message the user needs.
                return NativeLibrary.Load(candidate);
            }
        }

        return IntPtr.Zero;
    }
}
