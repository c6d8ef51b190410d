using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.S3;
using Minio;
using Minio.DataModel.Args;

namespace Inspect.Storage.Upload;

/// <summary>
/// A write-only stream that uploads what is written to it as one object while it is written: gzip, then (optionally)
/// envelope encryption, then SHA-256 and parts of bounded size sent by a background multipart upload. Memory stays
/// bounded by (memory parts + 2) × part size. While the store is unreachable parts wait in a spool directory up to
/// its quota; past the quota, writes are dropped whole and counted, the gzip member is closed, and a new member starts
/// when room returns, so the object stays a readable capture with a reported gap. Call <see cref="CompleteAsync"/>
/// to finish: it waits for the store, records the checksum as object metadata and writes the JSON summary beside it.
/// </summary>
public sealed class CaptureUploadStream : Stream
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly UploadOptions _options;
    private readonly IMinioClient _minio;
    private readonly string _bucket;
    private readonly string _key;
    private readonly PartSpool _spool;
    private readonly S3MultipartClient _client;
    private readonly MultipartUploader _uploader;
    private readonly ObjectPartWriter _parts;
    private readonly EnvelopeEncryptingStream? _encryption;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _upload;
    private readonly List<CaptureGap> _gaps = [];
    private readonly IDisposable? _ownedHttp;
    private GZipStream? _gzip;
    private long _captureBytes;
    private long _lostBytes;
    private long _lostWrites;
    private bool _started;
    private bool _finished;
    private UploadResult? _result;

    private CaptureUploadStream(StorageEndpoint endpoint, string bucket, string key, UploadOptions options, HttpClient http, IDisposable? ownedHttp, TimeProvider clock, Action<string>? log)
    {
        options.Validate();
        _options = options;
        _bucket = bucket;
        _key = key;
        _ownedHttp = ownedHttp;
        _minio = endpoint.CreateMinioClient(http);
        _spool = new PartSpool(options.SpoolDirectory, options.SpoolQuota);
        var pool = new PartBufferPool(options.PartSize);
        _client = new S3MultipartClient(http, endpoint, clock);
        _uploader = new MultipartUploader(_client, bucket, key, options.ServerSide, _spool, pool, new Retrier(options.Retry, log));
        _parts = new ObjectPartWriter(_uploader, _spool, pool, options.MemoryParts);
        _encryption = options.ClientSideKey is { } kek ? new EnvelopeEncryptingStream(_parts, kek, leaveOpen: true) : null;
        _upload = Task.Run(() => _uploader.RunAsync(_stop.Token));
    }

    /// <summary>Starts uploading to <paramref name="bucket"/>/<paramref name="key"/>.</summary>
    /// <param name="endpoint">The store.</param>
    /// <param name="bucket">An existing bucket.</param>
    /// <param name="key">The object's key (see <see cref="ObjectKeys"/>).</param>
    /// <param name="options">Part size, bounds, retries, encryption.</param>
    /// <param name="http">The HTTP client for every storage request (tests pass one that records requests); one is made when null.</param>
    /// <param name="clock">Time for request signatures.</param>
    /// <param name="log">Told about outages and recoveries, one line each.</param>
    public static CaptureUploadStream Start(StorageEndpoint endpoint, string bucket, string key, UploadOptions options, HttpClient? http = null, TimeProvider? clock = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var owned = http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(5) } : null;
        return new CaptureUploadStream(endpoint, bucket, key, options, http ?? owned!, owned, clock ?? TimeProvider.System, log);
    }

    public string Bucket => _bucket;

    public string Key => _key;

    /// <summary>Capture bytes taken so far (before compression).</summary>
    public long CaptureBytes => _captureBytes;

    /// <summary>Capture bytes dropped so far because the spool was full.</summary>
    public long LostBytes => _lostBytes;

    /// <summary>Parts the store has acknowledged.</summary>
    public int PartsUploaded => _uploader.PartsUploaded;

    /// <summary>Bytes waiting in the spool directory.</summary>
    public long SpooledBytes => _spool.Used;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (!HasRoomFor(buffer.Length))
        {
            Drop(buffer.Length);
            return;
        }

        if (_gzip is null)
        {
            StartMember();
        }

        _gzip!.Write(buffer);
        _captureBytes += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Pushes compressed data through to the current part (a gzip sync flush); parts are sent when full.</summary>
    public override void Flush() => _gzip?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Ends the object and waits (up to the completion timeout) for the store to take every part; then records the
    /// object's SHA-256 as metadata and writes the summary object, with <paramref name="details"/> merged in.
    /// </summary>
    public async Task<UploadResult> CompleteAsync(JsonObject? details = null, CancellationToken cancel = default)
    {
        if (_result is not null)
        {
            return _result;
        }

        var sha256 = FinishWriting();
        string? error = null;
        var finished = await Task.WhenAny(_upload, Task.Delay(_options.CompletionTimeout, cancel)).ConfigureAwait(false);
        if (finished != _upload)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            error = $"the store did not take every part within {_options.CompletionTimeout.TotalSeconds:0} s ({_uploader.Retrier.LastError ?? "no answer"})";
        }

        try
        {
            await _upload.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error ??= _uploader.Retrier.LastError ?? e.Message;
        }

        var complete = error is null;
        if (complete)
        {
            try
            {
                var retrier = _uploader.Retrier;
                await retrier.RunAsync("record the checksum", c => RecordMetadataAsync(sha256, c), cancel).ConfigureAwait(false);
                var summary = Summary(sha256, details);
                await retrier.RunAsync("write the summary", c => PutSummaryAsync(summary, c), cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                complete = false;
                error = $"the object was uploaded but its metadata was not: {e.Message}";
            }
        }
        else
        {
            _uploader.KeepRemaining();
        }

        _spool.RemoveIfEmpty();
        _result = new UploadResult(
            _bucket, _key, ObjectKeys.SummaryOf(_key), complete, _parts.ObjectBytes, sha256, _parts.Parts, _captureBytes, _lostBytes, _lostWrites,
            [.. _gaps], _options.ClientSideKey?.Id, _options.ServerSide?.Description, error, Directory.Exists(_spool.Folder) ? _spool.Folder : null);
        return _result;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_finished)
            {
                // Abandoned without CompleteAsync: stop sending and keep what was not sent on disk.
                FinishWriting();
                _stop.Cancel();
                try
                {
                    _upload.Wait();
                }
                catch (AggregateException)
                {
                }

                _uploader.KeepRemaining();
            }

            _parts.Dispose();
            _stop.Dispose();
            _minio.Dispose();
            _ownedHttp?.Dispose();
        }

        base.Dispose(disposing);
    }

    private string FinishWriting()
    {
        _finished = true;
        _gzip?.Dispose();
        _gzip = null;
        if (!_started)
        {
            // An empty capture is still a valid (empty) gzip stream.
            StartMember();
            _gzip!.Dispose();
        }

        _encryption?.Dispose();
        var sha256 = Convert.ToHexStringLower(_parts.Finish());
        _uploader.CompleteAdding();
        return sha256;
    }

    // Conservative: the current part, the incoming bytes (gzip and encryption can add a little) and what the spool holds
    // must fit the quota. While dropping, room must reach half the quota again, so a full spool does not flap.
    private bool HasRoomFor(int length)
    {
        var needed = _spool.Used + _parts.Fill + length + (length / 64) + (256 << 10);
        var limit = _gzip is null && _started ? _spool.Quota / 2 : _spool.Quota;
        return needed <= limit;
    }

    private void Drop(int length)
    {
        if (_gzip is not null)
        {
            // Close the member at a write boundary: the object stays a valid gzip of whole .scap blocks.
            _gzip.Dispose();
            _gzip = null;
            _gaps.Add(new CaptureGap(_captureBytes, 0));
        }

        _gaps[^1] = _gaps[^1] with { Bytes = _gaps[^1].Bytes + length };
        _lostBytes += length;
        _lostWrites++;
    }

    private void StartMember()
    {
        _gzip = new GZipStream((Stream?)_encryption ?? _parts, _options.Compression, leaveOpen: true);
        _started = true;
    }

    private async Task RecordMetadataAsync(string sha256, CancellationToken cancel)
    {
        // S3 takes metadata only when an upload starts, and the checksum is known only at its end: copying the object
        // onto itself with replaced metadata is how it gets there.
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ObjectMetadata.Header(ObjectMetadata.Sha256)] = sha256,
            [ObjectMetadata.Header(ObjectMetadata.CaptureBytes)] = _captureBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ObjectMetadata.Header(ObjectMetadata.LostBytes)] = _lostBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (_options.ClientSideKey is { } kek)
        {
            metadata[ObjectMetadata.Header(ObjectMetadata.KeyId)] = kek.Id;
        }

        var sse = _options.ServerSide;
        await _client.ReplaceMetadataAsync(
            _bucket, _key, metadata, sse?.CreateHeaders() ?? new Dictionary<string, string>(), sse?.CopySourceHeaders() ?? new Dictionary<string, string>(), cancel).ConfigureAwait(false);
    }

    private JsonObject Summary(string sha256, JsonObject? details)
    {
        var summary = new JsonObject
        {
            ["object"] = $"s3://{_bucket}/{_key}",
            ["objectBytes"] = _parts.ObjectBytes,
            ["sha256"] = sha256,
            ["parts"] = _parts.Parts,
            ["captureBytes"] = _captureBytes,
            ["lostBytes"] = _lostBytes,
            ["lostWrites"] = _lostWrites,
            ["gaps"] = new JsonArray([.. _gaps.Select(g => (JsonNode)new JsonObject { ["offset"] = g.Offset, ["bytes"] = g.Bytes })]),
            ["clientSideEncryption"] = _options.ClientSideKey is { } kek ? new JsonObject { ["format"] = "inspect-envelope-v1", ["keyId"] = kek.Id } : null,
            ["serverSideEncryption"] = _options.ServerSide?.Description,
        };
        if (details is not null)
        {
            summary["capture"] = details.DeepClone();
        }

        return summary;
    }

    private async Task PutSummaryAsync(JsonObject summary, CancellationToken cancel)
    {
        var bytes = Encoding.UTF8.GetBytes(summary.ToJsonString(Indented));
        using var body = new MemoryStream(bytes);
        var put = new PutObjectArgs()
            .WithBucket(_bucket)
            .WithObject(ObjectKeys.SummaryOf(_key))
            .WithStreamData(body)
            .WithObjectSize(bytes.Length)
            .WithContentType("application/json")
            .WithServerSideEncryption(_options.ServerSide?.Sdk);
        await _minio.PutObjectAsync(put, cancel).ConfigureAwait(false);
    }
}
