namespace Inspect.Ui.Streaming;

/// <summary>
/// How far a capture's download from storage has come: written by the downloading thread, read by every request
/// waiting for that download (each reports it to its browser), so one download can be watched by several pages.
/// </summary>
public sealed class TransferProgress
{
    private long _bytes;
    private long _total;

    /// <summary>Bytes received so far.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>The object's size; 0 until storage has said.</summary>
    public long Total => Volatile.Read(ref _total);

    public void Report(long bytes, long total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _bytes, bytes);
    }
}
