using Inspect.Agent.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// The real <c>inspect record</c> with the real probe (root only) recording a scripted workload, checked with Debian's
/// sysdig 0.29.3 as the independent reader: process names, fd names, arguments and payload bytes.
/// </summary>
public sealed class RecordCommandTests : IDisposable
{
    private const string FilePayload = "INSPECT-FILE-PAYLOAD-0123456789";
    private const string NetPayload = "INSPECT-NET-PAYLOAD-abcdef";
    private const string Python = "/usr/bin/python3";

    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-record-").FullName;

    private string Capture => Path.Join(_dir, "capture.scap");

    private string KnownFile => Path.Join(_dir, "known.txt");

    private static string Workload => Path.Join(AppContext.BaseDirectory, "Workloads", "forensic_workload.py");

    [Fact]
    public void Command_capture_holds_the_workload_as_sysdig_reads_it()
    {
        ProbeRequirement.SkipUnlessProbeLoads();

        var result = InspectRecorder.Run("-o", Capture, "--", Python, Workload, _dir);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"inspect: \d+ events, \d+ bytes, 0 drops, .*\(command exited with code 0\)", result.Stderr);
        Assert.Matches(@"inspect: recorder CPU \d+\.\d{3} s, [1-9]\d* ns per event", result.Stderr);
        var port = int.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        AssertWorkloadRecorded(port);
    }

    [Fact]
    public void Pid_capture_follows_the_process_and_its_children_and_nothing_else()
    {
        ProbeRequirement.SkipUnlessProbeLoads();

        // The workload waits for a line on stdin, so it starts only once the recorder targets it.
        using var gate = GatedProcess.Start($"read go; {Python} {Workload} {_dir}");
        using var recorder = InspectRecorder.Start("-o", Capture, "--pid", gate.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var port = int.Parse(gate.OpenAndWait().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var result = recorder.Interrupt();

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertWorkloadRecorded(port);
        var pids = Sysdig.Read(Capture, "-p", "%proc.pid").Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        Assert.DoesNotContain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), pids);
        Assert.DoesNotContain(recorder.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), pids);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void AssertWorkloadRecorded(int port)
    {
        // The file written with known content and read back: process name, fd name and payload of each call.
        var fileIo = Lines($"evt.dir=< and evt.type in (write, read) and fd.name={KnownFile}", "%proc.name|%evt.type|%fd.name|%evt.buffer");
        Assert.Contains($"python3|write|{KnownFile}|{FilePayload}", fileIo);
        Assert.Contains($"python3|read|{KnownFile}|{FilePayload}", fileIo);

        // The loopback TCP exchange: the connection tuple as fd.name and the bytes on both ends.
        var tuple = $@"127\.0\.0\.1:\d+->127\.0\.0\.1:{port}";
        Assert.Matches($@"python3\|sendto\|{tuple}\|{NetPayload}", Text("evt.dir=< and evt.type=sendto", "%proc.name|%evt.type|%fd.name|%evt.buffer"));
        Assert.Matches($@"python3\|recvfrom\|{tuple}\|{NetPayload}", Text("evt.dir=< and evt.type=recvfrom", "%proc.name|%evt.type|%fd.name|%evt.buffer"));
        Assert.Matches($@"python3\|{tuple}", Text("evt.dir=< and evt.type in (accept, accept4, connect)", "%proc.name|%fd.name"));

        // The child exec'd with known arguments, and who its parent is.
        Assert.Contains(
            "echo|/bin/echo|inspect-child-arg-1 inspect-child-arg-2|python3",
            Lines("evt.type=execve and evt.dir=< and evt.res=SUCCESS", "%proc.name|%proc.exe|%proc.args|%proc.pname"));

        // Rename, then delete.
        var renamed = KnownFile + ".renamed";
        Assert.Contains(
            Lines("evt.dir=< and evt.type in (rename, renameat, renameat2)", "%proc.name|%evt.args"),
            line => line.StartsWith("python3|res=0", StringComparison.Ordinal) && line.Contains($"oldpath={KnownFile} newpath={renamed}", StringComparison.Ordinal));
        Assert.Contains(
            Lines("evt.dir=< and evt.type in (unlink, unlinkat)", "%proc.name|%evt.args"),
            line => line.StartsWith("python3|res=0", StringComparison.Ordinal) && line.Contains(renamed, StringComparison.Ordinal));
    }

    private List<string> Lines(string filter, string format) =>
        [.. Text(filter, format).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd())];

    private string Text(string filter, string format) => Sysdig.Read(Capture, "-p", format, filter);
}
