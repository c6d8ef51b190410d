using System.Diagnostics;
using Inspect.Scap.Reading;

namespace Inspect.Ui.Streaming;

/// <summary>
/// How far a query has come, shared between the thread doing it and the response reporting it: first, for a capture
/// fetched from storage, the download's bytes; then the reader's position in the capture. Also where that thread
/// learns that the browser went away.
/// </summary>
public sealed class QueryProgress(CancellationToken cancellation, TimeSpan? partialEvery = null)
{
    // Checked every this many events: reading the token per event would cost more than the event.
    private const int CheckEvery = 4096;
    private readonly TimeSpan _partialEvery = partialEvery ?? ProgressPacing.Default.PartialEvery;
    private long _length = 1;
    private ScapReader? _reader;
    private TransferProgress? _download;
    private int _sinceCheck;
    private long _lastPartial = Stopwatch.GetTimestamp();
    private string? _partial;

    /// <summary>
    /// Makes the JSON of the result so far (the overview's totals); called on the reading thread, between events,
    /// about twice a second while a long read lasts. Null for queries without partial results.
    /// </summary>
    public Func<string>? Partial { get; set; }

    /// <summary>The stage under way: <c>download</c> (the capture fetched from storage), <c>span</c> (timestamps
    /// only) or <c>read</c> (the full analysis).</summary>
    public string Phase { get; private set; } = "read";

    /// <summary>
    /// The watched reader's position in percent of the file. Read from the reporting thread while the reader moves on:
    /// a position a moment old is all a progress bar needs, and the reader is not slowed by reporting it.
    /// </summary>
    public double Percent => Volatile.Read(ref _reader) is { } reader ? Math.Min(100.0, reader.RecordOffset * 100.0 / Volatile.Read(ref _length)) : 0;

    /// <summary>The download being waited for, until the capture is here (null when there is none).</summary>
    public TransferProgress? Download => Volatile.Read(ref _download);

    /// <summary>Reports <paramref name="download"/> until the capture is read.</summary>
    public void WatchDownload(TransferProgress download)
    {
        Phase = "download";
        Volatile.Write(ref _download, download);
    }

    /// <summary>The capture is here (downloaded, if it had to be): the size of the file the passes read.</summary>
    public void Reading(long fileLength)
    {
        Volatile.Write(ref _length, Math.Max(1, fileLength));
        Volatile.Write(ref _download, null);
        Phase = "read";
    }

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
