using System.Buffers.Binary;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Storage.Tests;

/// <summary>Builds a large capture at test time: a real sample's metadata, then its events replayed with increasing timestamps.</summary>
internal static class SampleReplay
{
    /// <summary>Writes at least <paramref name="targetBytes"/> to <paramref name="path"/>; returns the events written.</summary>
    public static long MakeCapture(string sample, string path, long targetBytes)
    {
        using var writer = ScapWriter.Create(path);
        using (var metadata = ScapReader.Open(sample))
        {
            while (metadata.Read() is var kind && kind is not (ScapRecordKind.End or ScapRecordKind.Event))
            {
                writer.WriteRecord(metadata, kind);
            }
        }

        var buffer = new byte[1 << 20];
        ulong last = 0;
        while (writer.BytesWritten < targetBytes)
        {
            using var reader = ScapReader.Open(sample);
            ulong first = 0;
            while (reader.Read() is var kind && kind != ScapRecordKind.End)
            {
                // Container metadata events belong before a section's events, not repeated inside it.
                if (kind != ScapRecordKind.Event || reader.Event.Type is 272 or 324)
                {
                    continue;
                }

                var e = reader.Event;
                first = first == 0 ? e.Timestamp : first;
                var timestamp = last + 1_000 + (e.Timestamp - first);
                var encoded = buffer.AsSpan(0, e.EncodedLength);
                BinaryPrimitives.WriteUInt64LittleEndian(encoded, timestamp);
                BinaryPrimitives.WriteInt64LittleEndian(encoded[8..], e.ThreadId);
                BinaryPrimitives.WriteUInt32LittleEndian(encoded[16..], (uint)e.EncodedLength);
                BinaryPrimitives.WriteUInt16LittleEndian(encoded[20..], e.Type);
                BinaryPrimitives.WriteUInt32LittleEndian(encoded[22..], (uint)e.ParamCount);
                e.RawLengths.CopyTo(encoded[26..]);
                e.RawValues.CopyTo(encoded[(26 + e.RawLengths.Length)..]);
                writer.WriteEvent(encoded, e.Cpu, e.DumpFlags);
                last = Math.Max(last, timestamp);
            }
        }

        return writer.EventsWritten;
    }
}
