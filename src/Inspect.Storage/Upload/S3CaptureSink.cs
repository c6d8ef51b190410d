using System.Text.Json.Nodes;
using Inspect.Agent.Capture;
using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Storage.Upload;

/// <summary>
/// An <see cref="ICaptureSink"/> that streams the capture to object storage while it is recorded: the .scap writer of
/// <see cref="ScapFileSink"/> writes whole blocks into a <see cref="CaptureUploadStream"/>. Dispose closes the .scap
/// stream; <see cref="CompleteAsync"/> then finishes the upload.
/// </summary>
public sealed class S3CaptureSink(CaptureUploadStream upload) : ICaptureSink
{
    private readonly ScapFileSink _scap = new(upload, leaveOpen: true);
    private bool _closed;

    public CaptureUploadStream Upload { get; } = upload;

    public long BytesWritten => _scap.BytesWritten;

    public void WriteMetadata(SystemSnapshot snapshot) => _scap.WriteMetadata(snapshot);

    /// <summary>An upload cannot seek back, so the object keeps the first (not final) counts; the totals go into the
    /// summary object beside it.</summary>
    public void WriteRedactionSummary(RedactionSummary summary) => _scap.WriteRedactionSummary(summary);

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu) => _scap.WriteEvent(scapEvent, cpu);

    public void Flush() => _scap.Flush();

    /// <summary>Closes the .scap stream (if the capture has not) and finishes the upload.</summary>
    public Task<UploadResult> CompleteAsync(JsonObject? details = null, CancellationToken cancel = default)
    {
        Close();
        return Upload.CompleteAsync(details, cancel);
    }

    public void Dispose()
    {
        Close();
        Upload.Dispose();
    }

    private void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _scap.Dispose();
        }
    }
}
