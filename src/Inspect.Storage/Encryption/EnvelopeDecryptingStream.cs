using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Inspect.Storage.Encryption;

/// <summary>
/// Read-only stream over an envelope-encrypted capture. Each chunk is authenticated before any of its bytes are
/// returned; a chunk moved, removed or changed, a missing final chunk (truncation) or bytes after it all fail with
/// the chunk's index and offset. Holds one chunk in memory.
/// </summary>
public sealed class EnvelopeDecryptingStream : Stream
{
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly string _source;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly int _chunkLength;
    private readonly byte[] _sealed;
    private readonly byte[] _plain;
    private int _start;
    private int _end;
    private ulong _index;
    private long _offset;
    private bool _final;

    private EnvelopeDecryptingStream(Stream input, EnvelopeHeader header, byte[] dataKey, string source, bool leaveOpen)
    {
        _input = input;
        _leaveOpen = leaveOpen;
        _source = source;
        _aes = new AesGcm(dataKey, EnvelopeFormat.TagLength);
        CryptographicOperations.ZeroMemory(dataKey);
        _header = header.Bytes;
        _offset = _header.Length;
        _chunkLength = header.ChunkLength;
        _sealed = new byte[header.ChunkLength + EnvelopeFormat.TagLength];
        _plain = new byte[header.ChunkLength];
    }

    /// <summary>The key id the stream was encrypted with.</summary>
    public string KeyId { get; private init; } = "";

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Reads the header of <paramref name="input"/> and returns a stream of its plaintext. Without a key, or with a key
    /// of another id, throws <see cref="EncryptedCaptureException"/> naming the key id the file needs.
    /// </summary>
    public static EnvelopeDecryptingStream Open(Stream input, KeyEncryptionKey? kek, string source, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = EnvelopeFormat.ReadHeader(input, source);
        if (kek is null)
        {
            throw new EncryptedCaptureException(header.KeyId, $"{source} is encrypted (key id {header.KeyId}); pass --key FILE");
        }

        return new EnvelopeDecryptingStream(input, header, header.Unwrap(kek, source), source, leaveOpen) { KeyId = header.KeyId };
    }

    /// <summary>The key id in the header of <paramref name="input"/>, read without a key.</summary>
    public static string ReadKeyId(Stream input, string source) => EnvelopeFormat.ReadHeader(input, source).KeyId;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start == _end && !NextChunk())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _end - _start);
        _plain.AsSpan(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            if (!_leaveOpen)
            {
                _input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private bool NextChunk()
    {
        Span<byte> prefix = stackalloc byte[EnvelopeFormat.ChunkPrefixLength];
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceLength];
        while (true)
        {
            var got = _input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            if (_final)
            {
                return got == 0 ? false : throw Corrupt("data after the final chunk");
            }

            if (got == 0)
            {
                throw Corrupt("the capture is truncated: it ends before its final chunk");
            }

            if (got < prefix.Length)
            {
                throw Corrupt("the capture ends inside a chunk header");
            }

            var final = EnvelopeEncryptingStream.IsFinal(BinaryPrimitives.ReadUInt32LittleEndian(prefix), out var length);
            if (length > _chunkLength || (!final && length != _chunkLength))
            {
                throw Corrupt($"chunk length {length} is impossible (chunks hold {_chunkLength} bytes, the last one at most that)");
            }

            var sealedLength = length + EnvelopeFormat.TagLength;
            if (_input.ReadAtLeast(_sealed.AsSpan(0, sealedLength), sealedLength, throwOnEndOfStream: false) != sealedLength)
            {
                throw Corrupt("the capture is truncated inside a chunk");
            }

            EnvelopeFormat.ChunkNonce(nonce, _index, final);
            try
            {
                _aes.Decrypt(nonce, _sealed.AsSpan(0, length), _sealed.AsSpan(length, EnvelopeFormat.TagLength), _plain.AsSpan(0, length), _header);
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new InvalidDataException($"{_source}: chunk {_index} at offset {_offset} fails authentication (changed, moved or from another file)", e);
            }

            _offset += EnvelopeFormat.ChunkPrefixLength + sealedLength;
            _index++;
            _final = final;
            _start = 0;
            _end = length;
            if (length > 0)
            {
                return true;
            }
        }
    }

    private InvalidDataException Corrupt(string what) => new($"{_source}: chunk {_index} at offset {_offset}: {what}");
}
