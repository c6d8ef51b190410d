namespace Inspect.Agent.Capture;

/// <summary>
/// A write buffer that never splits one <see cref="Write(ReadOnlySpan{byte})"/> call across two writes to the file.
/// <see cref="Inspect.Scap.Writing.ScapWriter"/> writes each block with one call, so the file only ever holds whole
/// blocks: a capture killed with SIGKILL leaves a file every reader opens, ending at the last flush.
/// </summary>
public sealed class WholeBlockStream : Stream
{
    private readonly Stream _file;
    private readonly byte[] _buffer;
    private readonly bool _leaveOpen;
    private int _used;

    /// <param name="file">The destination; best unbuffered (a FileStream with bufferSize 0), since this is the buffer.</param>
    /// <param name="capacity">Bytes gathered before they are written out.</param>
    /// <param name="leaveOpen">Whether disposing this leaves <paramref name="file"/> open.</param>
    public WholeBlockStream(Stream file, int capacity = 1 << 20, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _file = file;
        _buffer = new byte[capacity];
        _leaveOpen = leaveOpen;
    }

    /// <summary>Bytes buffered and not yet written to the file.</summary>
    public int Pending => _used;

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
        if (_used + buffer.Length > _buffer.Length)
        {
            WritePending();
        }

        if (buffer.Length > _buffer.Length)
        {
            _file.Write(buffer);
            return;
        }

        buffer.CopyTo(_buffer.AsSpan(_used));
        _used += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
        WritePending();
        _file.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            if (!_leaveOpen)
            {
                _file.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void WritePending()
    {
        if (_used > 0)
        {
            _file.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
