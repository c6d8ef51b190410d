using System.Security.Cryptography;

namespace Inspect.Storage.Upload;

/// <summary>
/// Write-only end of the upload pipeline: takes the object's final bytes (compressed, maybe encrypted), hashes them
/// with SHA-256 and cuts them into parts of the configured size. A finished part goes to memory while the uploader's
/// in-memory share is free, else to the spool on disk.
/// </summary>
internal sealed class ObjectPartWriter : Stream
{
    private readonly MultipartUploader _uploader;
    private readonly PartSpool _spool;
    private readonly PartBufferPool _pool;
    private readonly int _memoryParts;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer;
    private int _fill;
    private int _parts;

    public ObjectPartWriter(MultipartUploader uploader, PartSpool spool, PartBufferPool pool, int memoryParts)
    {
        _uploader = uploader;
        _spool = spool;
        _pool = pool;
        _memoryParts = memoryParts;
        _buffer = pool.Rent();
    }

    /// <summary>Bytes of the current, unfinished part.</summary>
    public int Fill => _fill;

    /// <summary>Object bytes written so far.</summary>
    public long ObjectBytes { get; private set; }

    public int Parts => _parts;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _sha256.AppendData(buffer);
        ObjectBytes += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _fill);
            buffer[..n].CopyTo(_buffer.AsSpan(_fill));
            _fill += n;
            buffer = buffer[n..];
            if (_fill == _buffer.Length)
            {
                HandOff();
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    /// <summary>Hands over the last part (S3 takes a short or empty last part) and returns the object's SHA-256.</summary>
    public byte[] Finish()
    {
        if (_fill > 0 || _parts == 0)
        {
            HandOff();
        }

        _pool.Return(_buffer);
        _buffer = [];
        return _sha256.GetHashAndReset();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }

    private void HandOff()
    {
        var number = ++_parts;
        if (_uploader.InMemory < _memoryParts)
        {
            _uploader.Enqueue(new PendingPart(number, _fill, _buffer, null));
            _buffer = _pool.Rent();
        }
        else
        {
            var file = _spool.Write(number, _buffer.AsSpan(0, _fill));
            _uploader.Enqueue(new PendingPart(number, _fill, null, file));
        }

        _fill = 0;
    }
}
