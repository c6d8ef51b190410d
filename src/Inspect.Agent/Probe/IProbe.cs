namespace Inspect.Agent.Probe;

/// <summary>
/// The kernel probe as the capture session sees it: targets, attach/detach, batches of framed events, counters. The
/// native implementation is <see cref="NativeProbe"/>; tests substitute fakes so sessions run without root.
/// </summary>
public interface IProbe : IDisposable
{
    /// <summary>I/O payload bytes kept per call (0..65000).</summary>
    void SetSnaplen(uint snaplen);

    /// <summary>Captures every process on the host.</summary>
    void TargetAllProcesses();

    /// <summary>Captures a process and, from now on, everything it forks.</summary>
    void TargetProcess(int pid);

    /// <summary>Captures every process in a cgroup v2 directory or below it.</summary>
    void TargetCgroup(string cgroupPath);

    void Attach();

    /// <summary>Stops capturing; events already queued stay readable through <see cref="Consume"/>.</summary>
    void Detach();

    /// <summary>
    /// Fills <paramref name="buffer"/> with framed records (see <see cref="ProbeRecordReader"/>), waiting up to
    /// <paramref name="timeout"/> when nothing is queued. Returns the bytes filled, 0 when the wait timed out.
    /// </summary>
    int Consume(Span<byte> buffer, TimeSpan timeout);

    ProbeStatistics ReadStatistics();
}
