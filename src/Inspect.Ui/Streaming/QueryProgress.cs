using Inspect.Scap.Reading;

namespace Inspect.Ui.Streaming;

/// <summary>
/// How far a query has read its capture, shared between the thread reading it and the response reporting it; also
/// where that thread learns that the browser went away.
/// </summary>
public sealed class QueryProgress(long fileLength, CancellationToken cancellation)
{
    // Checked every this many events: reading the offset and the token per event would cost more than the event.
    private const int CheckEvery = 4096;
    private readonly long _length = Math.Max(1, fileLength);
    private int _sinceCheck;
    private double _percent;

    /// <summary>The pass under way: <c>span</c> (timestamps only) or <c>read</c> (the full analysis).</summary>
    public string Phase { get; set; } = "read";

    public double Percent => Volatile.Read(ref _percent);

    /// <summary>For <c>EventPipeline.Progress</c>: notes the read position, and stops the read when the request was aborted.</summary>
    public void Update(ScapReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (++_sinceCheck < CheckEvery)
        {
            return;
        }

        _sinceCheck = 0;
        cancellation.ThrowIfCancellationRequested();
        Volatile.Write(ref _percent, Math.Min(100.0, reader.RecordOffset * 100.0 / _length));
    }

    public void ThrowIfCancelled() => cancellation.ThrowIfCancellationRequested();
}
