using System.Buffers.Binary;
using Inspect.Agent.Snapshot;

namespace Inspect.Agent.Capture;

/// <summary>
/// The threads of the capturing process itself. When the whole machine is captured, the agent's own system calls
/// (above all the writes of the capture file) would otherwise be captured too, each write producing more events to
/// write. The probe cannot exclude a process, so events are dropped here; the thread list is re-read periodically
/// because the runtime starts threads on demand.
/// </summary>
public sealed class OwnThreads(string taskDirectory)
{
    private HashSet<long> _tids = [];

    /// <summary>The threads of the current process.</summary>
    public static OwnThreads OfCurrentProcess() => new($"/proc/{Environment.ProcessId}/task");

    public void Refresh() => _tids = [.. ProcFiles.NumericEntries(taskDirectory)];

    /// <summary>Whether an encoded scap event (tid at offset 8) comes from one of these threads.</summary>
    public bool Owns(ReadOnlySpan<byte> scapEvent) => _tids.Contains(BinaryPrimitives.ReadInt64LittleEndian(scapEvent[8..]));
}
