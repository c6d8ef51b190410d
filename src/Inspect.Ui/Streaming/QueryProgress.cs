using System.Diagnostics;
using Inspect.Scap.Reading;

namespace Inspect.Ui.Streaming;

/// <summary>
/// How far a query has read its capture, shared between the thread reading it and the response reporting it; also
/// where that thread learns that the browser went away.
/// </summary>
public sealed class QueryProgress(long fileLength, CancellationToken cancellation, TimeSpan? partialEvery = null)
{
    // Checked every this many events: reading the token per event would cost more than the event.
    private const int CheckEvery = 4096;
    private readonly long _length = Math.Max(1, fileLength);
    private readonly TimeSpan _partialEvery = partialEvery ?? ProgressPacing.Default.PartialEvery;
    private ScapReader? _reader;
    private int _sinceCheck;
    private long _lastPartial = Stopwatch.GetTimestamp();
    private string? _partial;

    /// <summary>
    /// Makes the JSON of the result so far (the overview's totals); called on the reading thread, between events,
    /// about twice a second while a long read lasts. Null for queries without partial results.
    /// </summary>
    public Func<string>? Partial { get; set; }

    /// <summary>The pass under way: <c>span</c> (timestamps only) or <c>read</c> (the full analysis).</summary>
    public string Phase { get; private set; } = "read";

    /// <summary>
    /// The watched reader's position in percent of the file. Read from the reporting thread while the reader moves on:
    /// a position a moment old is all a progress bar needs, and the reader is not slowed by reporting it.
    /// </summary>
    public double Percent => Volatile.Read(ref _reader) is { } reader ? Math.Min(100.0, reader.RecordOffset * 100.0 / _length) : 0;

    /// <summary>Starts a pass: its name and the reader whose position is its progress.</summary>
    public void Watch(string phase, ScapReader reader)
    {
        Phase = phase;
        Volatile.Write(ref _reader, reader);
    }

    /// <summary>For <c>EventPipeline.Progress</c>: stops the read when the request was aborted.</summary>
    public void Update(ScapReader reader)
    {
        if (++_sinceCheck >= CheckEvery)
        {
            _sinceCheck = 0;
            cancellation.ThrowIfCancellationRequested();
            if (Partial is { } make && Stopwatch.GetElapsedTime(_lastPartial) >= _partialEvery)
            {
                _lastPartial = Stopwatch.GetTimestamp();
                Volatile.Write(ref _partial, make());
            }
        }
    }

    /// <summary>The partial result made since the last call, if any (for the reporting thread).</summary>
    public string? TakePartial() => Interlocked.Exchange(ref _partial, null);

    public void ThrowIfCancelled() => cancellation.ThrowIfCancellationRequested();
}
