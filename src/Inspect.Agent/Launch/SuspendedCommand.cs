using System.Diagnostics;
using Inspect.Agent.Interop;
using Inspect.Agent.Snapshot;

namespace Inspect.Agent.Launch;

/// <summary>
/// Starts a command stopped before its first instruction, so a capture can target its pid and record it from its very
/// first system call (the execve of the command itself). A tiny shell stops itself with SIGSTOP and, once
/// <see cref="Resume"/> sends SIGCONT, replaces itself with the command: the pid stays the same.
/// </summary>
public sealed class SuspendedCommand : IDisposable
{
    // "$0" is the name the wrapper shows while stopped; "$@" the command and its arguments, passed through unchanged.
    private const string StopThenExec = "kill -STOP $$; exec \"$@\"";
    private const string WrapperName = "inspect-record";

    private readonly Process _process;

    private SuspendedCommand(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The command's exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="command"/> (a program and its arguments) and waits until it is stopped.</summary>
    public static SuspendedCommand Start(IReadOnlyList<string> command, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("no command to run", nameof(command));
        }

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", StopThenExec, WrapperName, .. command])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start /bin/sh for {command[0]}");
        var suspended = new SuspendedCommand(process);
        try
        {
            suspended.WaitUntilStopped(timeout ?? TimeSpan.FromSeconds(10));
            return suspended;
        }
        catch
        {
            suspended.Kill();
            suspended.Dispose();
            throw;
        }
    }

    /// <summary>Lets the command run (SIGCONT).</summary>
    public void Resume() => ProcessSignals.Send(Pid, ProcessSignals.SigCont);

    public void WaitForExit() => _process.WaitForExit();

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the command (used when the capture fails before it could run).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose() => _process.Dispose();

    private void WaitUntilStopped(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (ProcStat.Parse(File.Exists($"/proc/{Pid}/stat") ? File.ReadAllText($"/proc/{Pid}/stat") : null)?.State != 'T')
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the command wrapper exited (code {_process.ExitCode}) before it could be traced");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the command wrapper (pid {Pid}) did not stop within {timeout.TotalSeconds:0} s");
            }

            Thread.Sleep(1);
        }
    }
}
