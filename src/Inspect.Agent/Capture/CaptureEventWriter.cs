using System.Buffers.Binary;
using Inspect.Agent.Containers;
using Inspect.Agent.Probe;
using Inspect.Redaction.Events;

namespace Inspect.Agent.Capture;

/// <summary>
/// Writes batches of probe records to the sink, enforcing the event and byte limits, and puts a container metadata
/// event before the first event of every container that appears during the capture. This is the per-event hot path:
/// events go from the batch buffer to the sink as spans, never copied here; redaction masks secrets in the batch
/// buffer itself, before the bytes reach the sink.
/// </summary>
internal sealed class CaptureEventWriter(ICaptureSink sink, CaptureLimits limits, ContainerEventFactory containerEvents, OwnThreads? excluded)
{
    public ContainerDiscovery Discovery { get; } = new();

    /// <summary>Captured events written.</summary>
    public long Events { get; private set; }

    /// <summary>Container metadata events written.</summary>
    public int Containers { get; private set; }

    /// <summary>Notes the thread of every event written, for the CPU samples.</summary>
    public ProcInfoSampler? Sampler { get; init; }

    /// <summary>Masks secrets in every captured event before it is written; null records the bytes as they are.</summary>
    public EventRedactor? Redactor { get; init; }

    /// <summary>Writes every record of <paramref name="batch"/>; returns why the capture must stop, or null to go on.</summary>
    public StopReason? WriteBatch(Span<byte> batch)
    {
        var records = new ProbeRecordReader(batch);
        while (records.TryRead(out var scapEvent, out var ring))
        {
            if ((excluded is not null && excluded.Owns(scapEvent)) || sink.Skips(scapEvent))
            {
                continue;
            }

            if (limits.EventCountReached(Events))
            {
                return StopReason.MaxEvents;
            }

            if (ProcessEventCgroups.TryGet(scapEvent, out var cgroups)
                && Discovery.ObserveCgroupList(cgroups) is { } found
                && WriteContainers(found, Timestamp(scapEvent)) is { } stop)
            {
                return stop;
            }

            if (!limits.Fits(sink.BytesWritten, ScapBlockSize.OfEvent(scapEvent.Length)))
            {
                return StopReason.MaxBytes;
            }

            Redactor?.Redact(scapEvent);
            sink.WriteEvent(scapEvent, ring);
            Sampler?.Observe(BinaryPrimitives.ReadInt64LittleEndian(scapEvent[8..]));
            Events++;
        }

        return limits.EventCountReached(Events) ? StopReason.MaxEvents : null;
    }

    /// <summary>Writes one metadata event per container; returns <see cref="StopReason.MaxBytes"/> when one does not fit.</summary>
    public StopReason? WriteContainers(IEnumerable<ContainerCgroup> containers, ulong timestampNs)
    {
        foreach (var container in containers)
        {
            var encoded = containerEvents.Build(container, timestampNs);
            if (!limits.Fits(sink.BytesWritten, ScapBlockSize.OfEvent(encoded.Length)))
            {
                return StopReason.MaxBytes;
            }

            sink.WriteEvent(encoded, 0);
            Containers++;
        }

        return null;
    }

    private static ulong Timestamp(ReadOnlySpan<byte> scapEvent) => BinaryPrimitives.ReadUInt64LittleEndian(scapEvent);
}
