using System.Diagnostics;

namespace Inspect.Agent.Tests.Support;

/// <summary>A shell script that starts with <c>read go</c>: it exists (has a pid to target) but does nothing until opened.</summary>
internal sealed class GatedProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;

    private GatedProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
    }

    public int Pid => _process.Id;

    public static GatedProcess Start(string script)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return new GatedProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start /bin/sh"));
    }

    /// <summary>Lets the script go on, waits for it to finish successfully and returns what it printed.</summary>
    public string OpenAndWait()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the gated script did not finish in 30 s");
        }

        _process.WaitForExit();
        Assert.Equal(0, _process.ExitCode);
        return _stdout.Result;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
