using System.Globalization;
using System.Text.RegularExpressions;
using Inspect.Agent.Interop;
using Inspect.Agent.Tests.Support;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// A capture killed with SIGKILL mid-way (no chance to clean up) still leaves a file sysdig reads to the end without
/// error, holding events up to the last periodic flush (root only).
/// </summary>
public sealed partial class KilledCaptureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-killed-").FullName;

    [Fact]
    public void Killed_capture_is_readable_up_to_its_last_flush()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        var capture = Path.Join(_dir, "killed.scap");
        using var recorder = InspectRecorder.Start("-o", capture, "--", "/bin/sh", "-c", "while :; do cat /etc/hostname > /dev/null; done");
        var commandPid = int.Parse(RecordingPid().Match(recorder.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        try
        {
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            var killedAt = DateTimeOffset.UtcNow;
            recorder.Kill();

            // sysdig reads every event and exits 0: no truncated block at the end.
            var times = Sysdig.Read(capture, "-p", "%evt.rawtime").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(times.Length > 1000, $"only {times.Length} events recorded in 1.5 s of a fork loop");

            // Flushed at least every 100 ms: the newest event on disk is recent.
            var newest = DateTimeOffset.UnixEpoch.AddTicks((long)(ulong.Parse(times[^1], CultureInfo.InvariantCulture) / 100));
            Assert.True(killedAt - newest < TimeSpan.FromSeconds(0.5), $"newest event {killedAt - newest} before the kill");

            // Our own reader agrees.
            using var reader = ScapReader.Open(capture);
            var events = 0;
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                events += kind == ScapRecordKind.Event ? 1 : 0;
            }

            Assert.True(events >= times.Length);
        }
        finally
        {
            // The recorded command outlives a killed recorder.
            ProcessSignals.Send(commandPid, ProcessSignals.SigKill);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"recording pid (\d+)")]
    private static partial Regex RecordingPid();
}
