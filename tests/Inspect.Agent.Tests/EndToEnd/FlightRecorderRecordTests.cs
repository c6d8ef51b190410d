using System.Diagnostics;
using System.Globalization;
using Inspect.Agent.Interop;
using Inspect.Agent.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// <c>inspect record --ring</c> on the real probe (root only): a signal at time T writes a file holding the events from
/// before T — as far back as the ring reaches — and after it, and sysdig reads it.
/// </summary>
public sealed class FlightRecorderRecordTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-ring-").FullName;

    [Fact]
    public void A_signal_writes_the_seconds_before_and_after_it()
    {
        ProbeRequirement.SkipUnlessProbeLoads();
        using var workload = Process.Start("/bin/sh", ["-c", "while :; do cat /etc/hostname > /dev/null; sleep 0.02; done"]);
        try
        {
            using var recorder = InspectRecorder.Start("--ring", "3s", "--after", "2s", "-o", _dir, "--pid", workload.Id.ToString(CultureInfo.InvariantCulture));
            Thread.Sleep(TimeSpan.FromSeconds(5)); // more than the ring holds: the oldest must be gone by T
            var trigger = DateTimeOffset.UtcNow;
            ProcessSignals.Send(recorder.Pid, ProcessSignals.SigUsr1);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!recorder.Stderr.Contains("inspect: wrote", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }

            Assert.Equal(0, recorder.Interrupt().ExitCode);
            var file = Assert.Single(Directory.GetFiles(_dir, "*.scap"));
            Assert.Contains($"inspect: wrote {file}", recorder.Stderr, StringComparison.Ordinal);

            var times = Sysdig.Read(file, "-p", "%evt.rawtime", $"proc.pid={workload.Id} or proc.ppid={workload.Id}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => DateTimeOffset.UnixEpoch.AddTicks((long)(ulong.Parse(t, CultureInfo.InvariantCulture) / 100)))
                .ToList();
            Assert.True(times.Count > 100, $"only {times.Count} workload events in the recording");
            var before = trigger - times.Min();
            var after = times.Max() - trigger;
            Assert.True(before > TimeSpan.FromSeconds(2.5) && before <= TimeSpan.FromSeconds(3.2), $"reaches {before.TotalSeconds:0.00} s before the signal, not ~3 s");
            Assert.True(after > TimeSpan.FromSeconds(1.5) && after <= TimeSpan.FromSeconds(2.2), $"reaches {after.TotalSeconds:0.00} s after the signal, not ~2 s");

            // The workload's processes have names: the recording starts with a process table.
            Assert.Contains("cat", Sysdig.Read(file, "-p", "%proc.name", $"proc.ppid={workload.Id}"), StringComparison.Ordinal);
        }
        finally
        {
            workload.Kill();
            workload.WaitForExit();
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
