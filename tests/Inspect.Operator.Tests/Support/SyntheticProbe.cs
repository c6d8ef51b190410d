using System.Buffers.Binary;
using Inspect.Agent.Probe;
using Inspect.Scap.Writing;

namespace Inspect.Operator.Tests.Support;

/// <summary>
/// The capture source for tests that do not run as root: a probe that, while attached, produces a few real scap
/// events (close exits of pid 1, stamped with the wall clock; not of this process, whose own threads a whole-node
/// capture leaves out) every few milliseconds, framed exactly
/// as the native shim frames them. Everything after it (the capture session, the .scap writer, storage) is the real
/// code, so the files it leads to are valid captures that sysdig reads. With a <paramref name="payload"/>, the first
/// event of each batch is instead a write exit of pid 1 carrying those bytes (what redaction has to find).
/// </summary>
internal sealed class SyntheticProbe(byte[]? payload = null) : IProbe
{
    private const ushort CloseExit = 5;
    private const ushort WriteExit = 9;
    private const int EventsPerBatch = 5;
    private const long Tid = 1;
    private bool _attached;
    private long _emitted;
    private ulong _lastNs;

    /// <summary>Events handed to the session so far.</summary>
    public long Emitted => Interlocked.Read(ref _emitted);

    public List<string> Targets { get; } = [];

    public void SetSnaplen(uint snaplen)
    {
    }

    public void TargetAllProcesses() => Targets.Add("all");

    public void TargetProcess(int pid) => Targets.Add($"pid {pid}");

    // Targets are added from the recording thread while tests read them: lock the list.
    public void TargetCgroup(string cgroupPath)
    {
        lock (Targets)
        {
            Targets.Add($"cgroup {cgroupPath}");
        }
    }

    public void Attach()
    {
        _attached = true;
        _lastNs = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
    }

    public void Detach() => _attached = false;

    public int Consume(Span<byte> buffer, TimeSpan timeout)
    {
        if (!_attached)
        {
            return 0;
        }

        Thread.Sleep(timeout < TimeSpan.FromMilliseconds(20) ? timeout : TimeSpan.FromMilliseconds(20));
        using var builder = new ScapEventBuilder();
        var filled = 0;
        // Spread over the time since the last batch, as a kernel ring holds what happened while nobody read it: a
        // session that pauses (waiting for a ring's history) finds events from the pause, not a hole.
        var now = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var since = _lastNs == 0 ? now : _lastNs;
        _lastNs = now;
        for (var i = 0; i < EventsPerBatch; i++)
        {
            var ts = since + ((now - since) * (ulong)(i + 1) / EventsPerBatch);
            var scapEvent = payload is not null && i == 0
                ? builder.Begin(WriteExit, ts, Tid).Int64(payload.Length).Bytes(payload).Build()
                : builder.Begin(CloseExit, ts, Tid).Fd(0).Build();
            var recordSize = (16 + scapEvent.Length + 7) & ~7;
            var record = buffer.Slice(filled, recordSize);
            record.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)recordSize);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)scapEvent.Length);
            scapEvent.CopyTo(record[16..]);
            filled += recordSize;
        }

        Interlocked.Add(ref _emitted, EventsPerBatch);
        return filled;
    }

    public ProbeStatistics ReadStatistics() => new((ulong)Emitted, 0, 0, 0);

    public void Dispose() => _attached = false;
}

/// <summary>Hands out <see cref="SyntheticProbe"/>s and keeps them, so tests can compare what each produced.</summary>
/// <param name="payload">Bytes each probe writes in a write event per batch; none when null.</param>
internal sealed class SyntheticProbeFactory(byte[]? payload = null) : IProbeFactory
{
    private readonly List<SyntheticProbe> _opened = [];

    public IReadOnlyList<SyntheticProbe> Opened
    {
        get
        {
            lock (_opened)
            {
                return [.. _opened];
            }
        }
    }

    public string? WhyUnsupported() => null;

    public IProbe Open(ProbeOptions options)
    {
        var probe = new SyntheticProbe(payload);
        lock (_opened)
        {
            _opened.Add(probe);
        }

        return probe;
    }
}
