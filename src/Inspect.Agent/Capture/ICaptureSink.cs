using Inspect.Agent.Snapshot;
using Inspect.Redaction.Events;
using Inspect.Scap.Model;

namespace Inspect.Agent.Capture;

/// <summary>Where a capture goes: the .scap writer for files (<see cref="ScapFileSink"/>), anything else in tests or uploads.</summary>
public interface ICaptureSink : IDisposable
{
    /// <summary>Bytes written so far, before compression.</summary>
    long BytesWritten { get; }

    /// <summary>Starts the capture with the metadata blocks describing <paramref name="snapshot"/>.</summary>
    void WriteMetadata(SystemSnapshot snapshot);

    /// <summary>
    /// Records the redaction counts in the file's metadata. Called once right after <see cref="WriteMetadata"/> with
    /// zero counts (the block takes its place among the metadata), and once at the end with the totals, which a
    /// seekable file writes over the first block (same rules, same size).
    /// </summary>
    void WriteRedactionSummary(RedactionSummary summary);

    /// <summary>Writes one encoded scap event (26-byte header, lengths, values) as it is.</summary>
    void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu);

    /// <summary>Pushes everything written so far to the file, as whole blocks.</summary>
    void Flush();

    /// <summary>
    /// True for an event this sink would not keep (one a flight recorder's history already holds). The writer asks
    /// before it redacts and counts an event, so the redaction counts and the event count describe what is kept.
    /// </summary>
    bool Skips(ReadOnlySpan<byte> scapEvent) => false;

    /// <summary>
    /// Told, before the session redacts the process table, the redactor that masks this capture (whose counts it
    /// reports). A sink returns true to redact the table given to <see cref="WriteMetadata"/> itself, with that
    /// redactor, and so learn what each entry had masked: a flight recorder hands parts of its capture on, and counts
    /// each part exactly. By default the session redacts the table.
    /// </summary>
    bool RedactsProcessTable(EventRedactor redactor) => false;

    /// <summary>Whether <see cref="Flush"/> has work even when nothing was written since the last one (a flight
    /// recorder with a recording due while its target is quiet).</summary>
    bool WantsFlush => false;
}
