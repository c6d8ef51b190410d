using Inspect.Agent.Snapshot;
using Inspect.Scap.Events;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Capture;

/// <summary>
/// Writes procinfo events (type 234: a thread's cumulative user and system CPU time in clock ticks) for every live
/// thread the capture has seen, as sysdig's live capture does once a second. Readers compute per-process CPU usage
/// from consecutive samples of a thread (sysdig's <c>thread.cpu</c>, <c>topprocs_cpu</c>, Inspect's summary), so a
/// thread stays sampled while it lives, busy in user space or not; threads that have exited are dropped.
/// </summary>
internal sealed class ProcInfoSampler(Func<long, (ulong User, ulong System)?> readTicks) : IDisposable
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    private readonly HashSet<long> _seen = [];
    private readonly ScapEventBuilder _builder = new();
    private long _last = -1;

    /// <summary>Reads a thread's ticks from /proc; null when it has exited.</summary>
    public static (ulong User, ulong System)? FromProc(long tid) =>
        ProcStat.Parse(ProcFiles.ReadText($"/proc/{tid}/stat")) is { } stat ? (stat.UserTicks, stat.SystemTicks) : null;

    /// <summary>Notes that <paramref name="tid"/> produced an event. Consecutive events of one thread cost one comparison.</summary>
    public void Observe(long tid)
    {
        if (tid != _last && tid > 0)
        {
            _last = tid;
            _seen.Add(tid);
        }
    }

    /// <summary>
    /// Writes one procinfo event per live thread seen so far, timestamped just before the current whole second as
    /// sysdig does; stops early when a sample would not fit the byte limit.
    /// </summary>
    public int WriteSamples(ICaptureSink sink, CaptureLimits limits, ulong nowEpochNs)
    {
        var timestamp = nowEpochNs - (nowEpochNs % NanosecondsPerSecond) - 1;
        var written = 0;
        List<long>? exited = null;
        foreach (var tid in _seen)
        {
            if (readTicks(tid) is not { } ticks)
            {
                (exited ??= []).Add(tid);
                continue;
            }

            var encoded = _builder.Begin(EventTable.ProcInfo, timestamp, tid).UInt64(ticks.User).UInt64(ticks.System).Build();
            if (!limits.Fits(sink.BytesWritten, ScapBlockSize.OfEvent(encoded.Length)))
            {
                break;
            }

            sink.WriteEvent(encoded, 0);
            written++;
        }

        if (exited is not null)
        {
            _seen.ExceptWith(exited);
            _last = -1;
        }

        return written;
    }

    public void Dispose() => _builder.Dispose();
}
