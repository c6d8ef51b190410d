using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Inspect.Scap.Format;

namespace Inspect.Scap.Reading;

/// <summary>
/// Splits a capture into blocks (type, total length, body, trailer) without interpreting them. Plain and gzip input
/// are told apart by the first two bytes. Plain files are parsed in place through a memory-mapped window; streams
/// and compressed files go through one buffer that grows to the largest block seen, and only as fast as data really
/// arrives, so a corrupt length cannot force a huge allocation. Either way one block is held at a time.
/// </summary>
public sealed unsafe class ScapBlockReader : IDisposable
{
    /// <summary>No block may be larger than this (1 GiB); process lists of the largest nodes are a few MiB.</summary>
    public const int MaxBlockLength = 1 << 30;

    /// <summary>Non-LARGE event blocks are limited to this many bytes after the 8-byte block header, as in libscap.</summary>
    public const int MaxNonLargeEventBlockBody = 65536;

    private const int HeaderLength = 8;
    private const int InitialBufferLength = 1 << 20;

    private readonly Stream? _stream;
    private readonly MappedFileWindow? _mapped;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private long _blockOffset;
    private bool _endOfStream;
    private int _blockLength;

    // In mapped mode, the current block's first byte inside the mapped window.
    private byte* _mappedBlock;

    /// <summary>Reads blocks from any stream (pipes, network, decompressors).</summary>
    public ScapBlockReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferLength);
        var sniffed = ReadUpTo(stream, _buffer, 2);
        IsCompressed = sniffed == 2 && _buffer[0] == 0x1F && _buffer[1] == 0x8B;
        if (IsCompressed)
        {
            var raw = stream.CanSeek ? Seekback(stream, sniffed) : new PrefixedStream(_buffer[..sniffed], sniffed, stream, leaveOpen);
            _stream = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: stream.CanSeek && leaveOpen);
        }
        else
        {
            _stream = leaveOpen ? new NonClosingStream(stream) : stream;
            _end = sniffed;
        }
    }

    private ScapBlockReader(MappedFileWindow mapped)
    {
        _mapped = mapped;
    }

    /// <summary>The input was gzip-compressed; offsets are then counted in the decompressed data.</summary>
    public bool IsCompressed { get; }

    /// <summary>Offset of the current block's first byte.</summary>
    public long BlockOffset => _blockOffset;

    /// <summary>Type code of the current block.</summary>
    public uint BlockType { get; private set; }

    /// <summary>The whole current block: header, body, padding and trailer.</summary>
    public ReadOnlySpan<byte> Block => _mapped is not null
        ? new ReadOnlySpan<byte>(_mappedBlock, _blockLength)
        : _buffer.AsSpan(_start, _blockLength);

    /// <summary>The current block between its 8-byte header and its 4-byte trailer (body plus padding).</summary>
    /// <remarks>Every block is at least 12 bytes long (checked when it is framed), so no slicing check is needed.</remarks>
    public ReadOnlySpan<byte> Body => _mapped is not null
        ? new ReadOnlySpan<byte>(_mappedBlock + HeaderLength, _blockLength - HeaderLength - 4)
        : _buffer.AsSpan(_start + HeaderLength, _blockLength - HeaderLength - 4);

    /// <summary>The trailer of the current block, which should repeat its total length.</summary>
    public uint Trailer => BinaryPrimitives.ReadUInt32LittleEndian(Block[^4..]);

    /// <summary>Opens a capture file; plain files are memory-mapped, compressed ones streamed.</summary>
    public static ScapBlockReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var sniffed = ReadUpTo(file, magic, 2);
            var gzip = sniffed == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            if (gzip || file.Length < HeaderLength)
            {
                file.Position = 0;
                return new ScapBlockReader(file);
            }

            return new ScapBlockReader(new MappedFileWindow(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next block. Returns false at a clean end of the stream (between blocks).</summary>
    /// <exception cref="ScapFormatException">The stream ends inside a block, or a block length is impossible.</exception>
    public bool MoveNext() => _mapped is { } mapped ? MoveNextMapped(mapped) : MoveNextBuffered();

    /// <summary>
    /// Moves to the next block if it is a plain version-2 event block lying wholly inside the mapped window, and
    /// validates its event; otherwise leaves the reader where it is and returns false, for <see cref="MoveNext"/>.
    /// This is the path of nearly every event of a plain capture file: one window check and no classification.
    /// </summary>
    internal bool TryMoveNextMappedEventV2(out EventLayout layout)
    {
        layout = default;
        if (_mapped is not { } mapped)
        {
            return false;
        }

        var offset = _blockOffset + _blockLength;
        if (!mapped.Contains(offset, HeaderLength))
        {
            return false;
        }

        var block = mapped.Pointer(offset, HeaderLength);
        var type = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(block);
        var length = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(block + 4);

        // Anything unusual (another block type, a length outside 12 bytes to 64 KiB, a block crossing the window's
        // end) goes through the general path and its detailed checks and messages.
        if (type != BlockTypes.EventV2
            || length - (HeaderLength + 4) > MaxNonLargeEventBlockBody - 4
            || !mapped.Contains(offset, (int)length))
        {
            return false;
        }

        _blockOffset = offset;
        _blockLength = (int)length;
        _mappedBlock = block;
        BlockType = type;
        layout = EventDecoder.DecodeV2(new ReadOnlySpan<byte>(block + HeaderLength, (int)length - HeaderLength - 4), offset);
        return true;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _mapped?.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = stream.Read(buffer[total..count]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static Stream Seekback(Stream stream, int sniffed)
    {
        stream.Seek(-sniffed, SeekOrigin.Current);
        return stream;
    }

    private bool MoveNextMapped(MappedFileWindow mapped)
    {
        var offset = _blockOffset + _blockLength;
        _blockOffset = offset;
        _blockLength = 0;
        var available = mapped.Length - offset;
        if (available < HeaderLength)
        {
            if (available == 0)
            {
                return false;
            }

            ThrowHelper.Format(offset, $"truncated block header: {available} of 8 bytes before the end of the file");
        }

        var header = mapped.Pointer(offset, HeaderLength);
        BlockType = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(header);
        var length = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(header + 4);

        // One unsigned comparison lets ordinary blocks (12 bytes to 64 KiB) skip the detailed checks.
        if (length - (HeaderLength + 4) > MaxNonLargeEventBlockBody - 4)
        {
            CheckLength(BlockType, length);
        }

        if (length > available)
        {
            ThrowHelper.Format(offset, $"truncated block: type 0x{BlockType:X} declares {length} bytes but the file ends after {available}");
        }

        _blockLength = (int)length;

        // The header is mapped; the rest of the block usually is too, without moving the window.
        _mappedBlock = mapped.Contains(offset, _blockLength) ? header : mapped.Pointer(offset, _blockLength);
        return true;
    }

    private bool MoveNextBuffered()
    {
        _start += _blockLength;
        _blockLength = 0;
        var available = Fill(HeaderLength);
        _blockOffset = _bufferOffset + _start;
        if (available == 0)
        {
            return false;
        }

        if (available < HeaderLength)
        {
            ThrowHelper.Format(_blockOffset, $"truncated block header: {available} of 8 bytes before the end of the file");
        }

        var header = _buffer.AsSpan(_start, HeaderLength);
        BlockType = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        CheckLength(BlockType, length);

        available = Fill((int)length);
        if (available < length)
        {
            ThrowHelper.Format(_blockOffset, $"truncated block: type 0x{BlockType:X} declares {length} bytes but the file ends after {available}");
        }

        _blockLength = (int)length;
        return true;
    }

    private void CheckLength(uint type, uint length)
    {
        if (length < HeaderLength + 4)
        {
            ThrowHelper.Format(_blockOffset, $"impossible block length {length} for block type 0x{type:X}: shorter than its 12-byte header and trailer");
        }

        if (length - HeaderLength <= MaxNonLargeEventBlockBody)
        {
            return;
        }

        if (length > MaxBlockLength)
        {
            ThrowHelper.Format(_blockOffset, $"impossible block length {length} for block type 0x{type:X}: more than the {MaxBlockLength}-byte limit");
        }

        var format = BlockTypes.Describe(type);
        if (format.Kind == BlockKind.Event && !format.IsLarge)
        {
            ThrowHelper.Format(_blockOffset, $"event block length {length - HeaderLength} greater than the non-LARGE limit of {MaxNonLargeEventBlockBody} bytes");
        }
    }

    // Makes at least `needed` bytes available from _start, unless the stream ends first; returns how many are.
    private int Fill(int needed)
    {
        while (_end - _start < needed && !_endOfStream)
        {
            if (_end == _buffer.Length)
            {
                MakeRoom(needed);
            }

            var read = _stream!.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
        }

        return Math.Min(_end - _start, needed);
    }

    // Called when the buffer is full. Moves the unread bytes to the front; if they already fill the whole buffer,
    // grows it by at most doubling, so a corrupt block length costs no more than twice the bytes that really arrived.
    private void MakeRoom(int needed)
    {
        var pending = _end - _start;
        var destination = _buffer;
        if (_start == 0)
        {
            var size = (int)Math.Min((long)_buffer.Length * 2, Math.Max(needed, _buffer.Length + 1));
            destination = ArrayPool<byte>.Shared.Rent(size);
        }

        Buffer.BlockCopy(_buffer, _start, destination, 0, pending);
        if (!ReferenceEquals(destination, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = destination;
        }

        _bufferOffset += _start;
        _start = 0;
        _end = pending;
    }

    /// <summary>Keeps the caller's stream open when this reader is disposed.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
