using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Agent.Capture;

/// <summary>
/// Hands everything to two sinks, in order: how a capture is kept in the local spool while it streams to object
/// storage. Sinks wrap sinks, so further stages (redaction, filtering) compose in front of either side.
/// </summary>
public sealed class TeeCaptureSink(ICaptureSink first, ICaptureSink second) : ICaptureSink
{
    /// <summary>The first sink's count: both see the same bytes.</summary>
    public long BytesWritten => first.BytesWritten;

    public bool WantsFlush => first.WantsFlush || second.WantsFlush;

    public void WriteMetadata(SystemSnapshot snapshot)
    {
        first.WriteMetadata(snapshot);
        second.WriteMetadata(snapshot);
    }

    public void WriteRedactionSummary(RedactionSummary summary)
    {
        first.WriteRedactionSummary(summary);
        second.WriteRedactionSummary(summary);
    }

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        first.WriteEvent(scapEvent, cpu);
        second.WriteEvent(scapEvent, cpu);
    }

    public void Flush()
    {
        first.Flush();
        second.Flush();
    }

    /// <summary>Disposes both, the second even when the first throws.</summary>
    public void Dispose()
    {
        try
        {
            first.Dispose();
        }
        finally
        {
            second.Dispose();
        }
    }
}
