using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Inspect.Agent.Interop;

/// <summary>Sends POSIX signals to processes (.NET itself can only send SIGKILL).</summary>
public static class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigUsr1 = 10;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>kill(2); throws <see cref="Win32Exception"/> with errno on failure.</summary>
    public static void Send(int pid, int signal)
    {
        if (NativeMethods.Kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new Win32Exception(errno, $"kill({pid}, {signal}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }
}
