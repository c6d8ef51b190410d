using System.Buffers.Binary;
using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Redaction.Files;

/// <summary>
/// Copies a capture with the rules applied, streaming: every section, metadata block and event, with events and the
/// process table redacted exactly as the recorder redacts them. A redaction block goes into the first section; a
/// block the input already had is replaced. Memory stays bounded by the largest event and the per-stream tails.
/// </summary>
public static class CaptureFileRedactor
{
    private const int HeaderLength = 26;

    /// <summary>Redacts <paramref name="reader"/>'s capture into <paramref name="output"/>, which must be seekable for the final counts.</summary>
    /// <returns>The counts, as stored in the output.</returns>
    public static RedactionSummary Redact(ScapReader reader, Stream output, RedactionRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rules);
        if (!output.CanSeek)
        {
            throw new ArgumentException("the redacted capture must go to a seekable stream (a file): its counts are written last, into its metadata", nameof(output));
        }

        var redactor = new EventRedactor(rules);
        var scratch = new byte[64 * 1024];
        long summaryOffset = -1;
        using (var writer = new ScapWriter(output, leaveOpen: true))
        {
            for (var kind = reader.Read(); kind != ScapRecordKind.End; kind = reader.Read())
            {
                switch (kind)
                {
                    case ScapRecordKind.SectionHeader:
                        writer.WriteSectionHeader();
                        if (summaryOffset < 0)
                        {
                            summaryOffset = writer.WriteRedactionSummary(redactor.Counts.ToSummary(final: false));
                        }

                        break;
                    case ScapRecordKind.RedactionSummary:
                        break;
                    case ScapRecordKind.ProcessList:
                        writer.WriteProcessList(reader.Threads.Select(redactor.Redact).ToList());
                        break;
                    case ScapRecordKind.Event:
                        var evt = reader.Event;
                        if (scratch.Length < evt.EncodedLength)
                        {
                            scratch = new byte[evt.EncodedLength];
                        }

                        var encoded = Encode(evt, scratch);
                        redactor.Redact(encoded);
                        writer.WriteEvent(encoded, evt.Cpu, evt.DumpFlags);
                        break;
                    default:
                        writer.WriteRecord(reader, kind);
                        break;
                }
            }

            writer.Flush();
        }

        var summary = redactor.Counts.ToSummary(final: true);
        var end = output.Position;
        output.Position = summaryOffset;
        output.Write(RedactionBlockEncoder.Encode(summary));
        output.Position = end;
        return summary;
    }

    // The event in the version-2 layout, whatever block it came from, in a buffer redaction can write to.
    private static Span<byte> Encode(in ScapEvent evt, byte[] buffer)
    {
        var span = buffer.AsSpan(0, evt.EncodedLength);
        BinaryPrimitives.WriteUInt64LittleEndian(span, evt.Timestamp);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], evt.ThreadId);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)evt.EncodedLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], evt.Type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], (uint)evt.ParamCount);
        evt.RawLengths.CopyTo(span[HeaderLength..]);
        evt.RawValues.CopyTo(span[(HeaderLength + evt.RawLengths.Length)..]);
        return span;
    }
}
