using System.Collections.Concurrent;
using System.Diagnostics;
using Inspect.Agent.Interop;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.Support;

/// <summary>
/// Runs the real <c>inspect record</c> (inspect.dll, copied next to the tests) as its own process, the way a user
/// runs it: to completion, or in the background to be interrupted or killed.
/// </summary>
internal sealed class InspectRecorder : IDisposable
{
    private const string RecordingLine = "inspect: recording";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Task<string> _stdout;
    private readonly TaskCompletionSource _recording = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InspectRecorder(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _recording.TrySetException(new InvalidOperationException($"inspect record exited before recording: {Stderr}"));
                return;
            }

            _stderr.Enqueue(e.Data);
            if (e.Data.StartsWith(RecordingLine, StringComparison.Ordinal))
            {
                _recording.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stderr => string.Join('\n', _stderr);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string InspectDll => Path.Combine(AppContext.BaseDirectory, "inspect.dll");

    /// <summary>Runs <c>inspect record ARGS</c> to completion.</summary>
    public static ProcessResult Run(params string[] args) =>
        ExternalProcess.Run(Dotnet, [InspectDll, "record", .. args], TimeSpan.FromMinutes(1));

    /// <summary>Starts <c>inspect record ARGS</c> and returns once it reports that it records.</summary>
    public static InspectRecorder Start(params string[] args)
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[InspectDll, "record", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        var recorder = new InspectRecorder(Process.Start(info) ?? throw new InvalidOperationException("could not start inspect record"));
        if (!recorder._recording.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            recorder.Kill();
            throw new TimeoutException($"inspect record did not start recording in 30 s: {recorder.Stderr}");
        }

        return recorder;
    }

    /// <summary>Ctrl-C: the recorder should drain, close the file and exit 0.</summary>
    public ProcessResult Interrupt()
    {
        ProcessSignals.Send(Pid, ProcessSignals.SigInt);
        return WaitForExit();
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            ProcessSignals.Send(Pid, ProcessSignals.SigKill);

            // With a timeout: the parameterless wait also waits for the output pipes to close, which a command the
            // recorder started (and that outlives it) keeps open.
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public ProcessResult WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            Kill();
            throw new TimeoutException($"inspect record did not exit in 30 s: {Stderr}");
        }

        _process.WaitForExit();
        return new ProcessResult(_process.ExitCode, _stdout.Result, Stderr);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
