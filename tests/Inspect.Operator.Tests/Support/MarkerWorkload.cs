using System.Diagnostics;

namespace Inspect.Operator.Tests.Support;

/// <summary>
/// A shell that, once let go, appends numbered marker lines (<c>inspect-marker-N</c>) to a file every 20 ms until
/// killed, each followed by the line <c>alsoWrite</c> when given. It waits on stdin first, so a test can move it into a
/// cgroup before it does anything.
/// </summary>
internal sealed class MarkerWorkload : IDisposable
{
    public const string Marker = "inspect-marker-";

    private readonly Process _process;

    private MarkerWorkload(Process process) => _process = process;

    public int Pid => _process.Id;

    public static MarkerWorkload Start(string file, string? alsoWrite = null)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        var also = alsoWrite is null ? "" : $" echo '{alsoWrite}' >> '{file}';";
        info.ArgumentList.Add($"read go; i=0; while :; do i=$((i+1)); echo {Marker}$i >> '{file}';{also} sleep 0.02; done");
        return new MarkerWorkload(Process.Start(info) ?? throw new InvalidOperationException("could not start /bin/sh"));
    }

    /// <summary>Starts writing markers.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
