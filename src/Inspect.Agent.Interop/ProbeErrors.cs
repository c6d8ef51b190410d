using System.Runtime.InteropServices;
using System.Text;

namespace Inspect.Agent.Interop;

/// <summary>The one place where native return codes become <see cref="ProbeException"/>s.</summary>
internal static class ProbeErrors
{
    /// <summary>Throws when <paramref name="result"/> is negative, naming <paramref name="operation"/> and the shim's reason.</summary>
    public static int Check(int result, string operation)
    {
        if (result < 0)
        {
            Throw(result, operation);
        }

        return result;
    }

    /// <summary>Runs a first call into the library, turning "library missing or unloadable" into a <see cref="ProbeException"/>.</summary>
    public static T Loading<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (DllNotFoundException e)
        {
            throw new ProbeException(
                ProbeErrorCode.LibraryMissing,
                $"cannot load {ProbeLibraryResolver.FileName} (looked at {string.Join(", ", ProbeLibraryResolver.Candidates())}): build it with `make -C native` or set {ProbeLibraryResolver.EnvironmentVariable}",
                inner: e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new ProbeException(ProbeErrorCode.VersionMismatch, $"{ProbeLibraryResolver.FileName} lacks a function this agent needs: {e.Message}", inner: e);
        }
    }

    public static string Describe(int code) => Marshal.PtrToStringUTF8(NativeMethods.StrError(code)) ?? $"error {code}";

    private static void Throw(int result, string operation)
    {
        var code = (ProbeErrorCode)result;

        // Only load and attach failures leave diagnostics worth showing (libbpf and verifier output).
        var log = code is ProbeErrorCode.Load or ProbeErrorCode.Attach ? LastLog() : null;
        throw new ProbeException(code, $"{operation}: {Describe(result)}", log);
    }

    private static unsafe string LastLog()
    {
        var buffer = new byte[64 * 1024];
        fixed (byte* p = buffer)
        {
            var length = (int)Math.Min((ulong)NativeMethods.LastLog(p, (nuint)buffer.Length), (ulong)buffer.Length - 1);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }
}
