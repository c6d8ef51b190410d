using Inspect.Agent.Probe;

namespace Inspect.Agent.Tests.Support;

/// <summary>
/// A probe that hands out prepared batches, one per <see cref="Consume"/>, and advances a clock by
/// <see cref="ConsumeTakes"/> on each call, as a real wait for events would.
/// </summary>
internal sealed class FakeProbe(ManualClock clock) : IProbe
{
    private readonly Queue<byte[]> _batches = new();

    public List<string> Calls { get; } = [];

    public TimeSpan ConsumeTakes { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Batches still queued after attach (what a drain should pick up).</summary>
    public int QueuedBatches => _batches.Count;

    public bool Attached { get; private set; }

    /// <summary>Called on each consume, before a batch is handed out (e.g. to cancel the capture).</summary>
    public Action<int>? OnConsume { get; set; }

    public ProbeStatistics Statistics { get; set; }

    private int _consumed;

    public void Enqueue(FramedRecords records) => _batches.Enqueue(records.ToArray());

    public void SetSnaplen(uint snaplen) => Calls.Add($"snaplen {snaplen}");

    public void TargetAllProcesses() => Calls.Add("target all");

    public void TargetProcess(int pid) => Calls.Add($"target pid {pid}");

    public void TargetCgroup(string cgroupPath) => Calls.Add($"target cgroup {cgroupPath}");

    public void Attach()
    {
        Attached = true;
        Calls.Add("attach");
    }

    public void Detach()
    {
        Attached = false;
        Calls.Add("detach");
    }

    public int Consume(Span<byte> buffer, TimeSpan timeout)
    {
        OnConsume?.Invoke(_consumed++);
        if (_batches.Count == 0)
        {
            // Nothing queued: a real probe waits for the timeout.
            clock.Advance(timeout);
            return 0;
        }

        clock.Advance(ConsumeTakes);
        var batch = _batches.Dequeue();
        batch.CopyTo(buffer);
        return batch.Length;
    }

    public ProbeStatistics ReadStatistics() => Statistics;

    public void Dispose() => Calls.Add("dispose");
}
