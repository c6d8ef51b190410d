using System.Text.Json;
using System.Threading.Channels;
using Inspect.Storage.S3;

namespace Inspect.Storage.Upload;

/// <summary>
/// Sends parts to the store in order as they are finished: creates the multipart upload, uploads each part with
/// retries (backoff, forever until stopped) and completes it. Runs on the thread pool beside the writer.
/// </summary>
internal sealed class MultipartUploader
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Channel<PendingPart> _parts = Channel.CreateUnbounded<PendingPart>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly S3MultipartClient _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly IReadOnlyDictionary<string, string> _createHeaders;
    private readonly IReadOnlyDictionary<string, string> _partHeaders;
    private readonly PartSpool _spool;
    private readonly PartBufferPool _pool;
    private readonly List<string> _etags = [];
    private int _inMemory;
    private int _uploadedParts;
    private string? _uploadId;

    public MultipartUploader(S3MultipartClient client, string bucket, string key, ServerSideEncryption? sse, PartSpool spool, PartBufferPool pool, Retrier retrier)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _createHeaders = (sse?.CreateHeaders() ?? new Dictionary<string, string>()).ToDictionary(StringComparer.OrdinalIgnoreCase);
        _partHeaders = sse?.PerRequestHeaders() ?? new Dictionary<string, string>();
        _spool = spool;
        _pool = pool;
        Retrier = retrier;
    }

    public Retrier Retrier { get; }

    /// <summary>Parts held in memory, queued or being sent.</summary>
    public int InMemory => Volatile.Read(ref _inMemory);

    public int PartsUploaded => Volatile.Read(ref _uploadedParts);

    public void Enqueue(PendingPart part)
    {
        if (part.Buffer is not null)
        {
            Interlocked.Increment(ref _inMemory);
        }

        _parts.Writer.TryWrite(part);
    }

    /// <summary>No more parts will come.</summary>
    public void CompleteAdding() => _parts.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancel)
    {
        _uploadId = await Retrier.RunAsync("create multipart upload", c => _client.CreateAsync(_bucket, _key, _createHeaders, c), cancel).ConfigureAwait(false);
        byte[]? scratch = null;
        try
        {
            await foreach (var part in _parts.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                ReadOnlyMemory<byte> data;
                if (part.Buffer is { } buffer)
                {
                    data = buffer.AsMemory(0, part.Length);
                }
                else
                {
                    scratch ??= _pool.Rent();
                    PartSpool.Read(part.SpoolFile!, scratch);
                    data = scratch.AsMemory(0, part.Length);
                }

                try
                {
                    var etag = await Retrier.RunAsync($"upload part {part.Number}", c => _client.UploadPartAsync(_bucket, _key, _uploadId, part.Number, data, _partHeaders, c), cancel).ConfigureAwait(false);
                    _etags.Add(etag);
                    Interlocked.Increment(ref _uploadedParts);
                    Release(part);
                }
                catch
                {
                    // Stopped or refused: a part in memory goes to disk, so nothing captured disappears with the process.
                    Keep(part);
                    throw;
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                _pool.Return(scratch);
            }
        }

        await Retrier.RunAsync("complete multipart upload", c => _client.CompleteAsync(_bucket, _key, _uploadId, _etags, c), cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// After a stop or a refusal: writes every part still in memory to the spool and a manifest (bucket, key, upload id,
    /// ETags of the parts sent, files of the parts not sent), so the data stays on this node and can be sent later.
    /// </summary>
    public void KeepRemaining()
    {
        var pending = new List<string>();
        while (_parts.Reader.TryRead(out var part))
        {
            pending.Add(Path.GetFileName(Keep(part)));
        }

        pending.AddRange(Directory.EnumerateFiles(_spool.Folder, "part-*").Select(Path.GetFileName).OfType<string>());
        var manifest = new
        {
            bucket = _bucket,
            key = _key,
            uploadId = _uploadId,
            uploadedParts = _etags.Select((etag, i) => new { part = i + 1, etag }),
            pendingPartFiles = pending.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
        };
        File.WriteAllText(Path.Combine(_spool.Folder, "manifest.json"), JsonSerializer.Serialize(manifest, Indented));
    }

    private string Keep(PendingPart part)
    {
        if (part.Buffer is not { } buffer)
        {
            return part.SpoolFile!;
        }

        var path = Path.Combine(_spool.Folder, $"part-{part.Number:D5}");
        if (!File.Exists(path))
        {
            path = _spool.Write(part.Number, buffer.AsSpan(0, part.Length));
        }

        return path;
    }

    private void Release(PendingPart part)
    {
        if (part.Buffer is { } buffer)
        {
            _pool.Return(buffer);
            Interlocked.Decrement(ref _inMemory);
        }
        else
        {
            _spool.Remove(part.SpoolFile!, part.Length);
        }
    }
}
