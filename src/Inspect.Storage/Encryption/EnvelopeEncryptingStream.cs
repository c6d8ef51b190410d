using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Inspect.Storage.Encryption;

/// <summary>
/// Write-only stream that encrypts what it is given into the envelope format: the header first, then AES-256-GCM
/// chunks of <see cref="EnvelopeFormat.DefaultChunkLength"/> plaintext bytes, the last one marked final when the stream
/// is disposed. Holds one chunk in memory whatever the size of the capture.
/// </summary>
public sealed class EnvelopeEncryptingStream : Stream
{
    private const uint FinalFlag = 0x8000_0000;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private int _used;
    private ulong _index;
    private bool _disposed;

    public EnvelopeEncryptingStream(Stream output, KeyEncryptionKey kek, int chunkLength = EnvelopeFormat.DefaultChunkLength, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(kek);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkLength, EnvelopeFormat.MaxChunkLength);
        _output = output;
        _leaveOpen = leaveOpen;
        var dataKey = RandomNumberGenerator.GetBytes(EnvelopeFormat.DataKeyLength);
        _aes = new AesGcm(dataKey, EnvelopeFormat.TagLength);
        _header = EnvelopeFormat.WriteHeader(kek, chunkLength, dataKey);
        CryptographicOperations.ZeroMemory(dataKey);
        _plain = new byte[chunkLength];
        _sealed = new byte[EnvelopeFormat.ChunkPrefixLength + chunkLength + EnvelopeFormat.TagLength];
        _output.Write(_header);
    }

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            // A full chunk is sealed only once more data arrives: until then it may still be the final one.
            if (_used == _plain.Length)
            {
                Seal(final: false);
            }

            var n = Math.Min(buffer.Length, _plain.Length - _used);
            buffer[..n].CopyTo(_plain.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Flushes the destination; a partial chunk stays buffered, since every chunk but the last is full.</summary>
    public override void Flush() => _output.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Seal(final: true);
            _disposed = true;
            _aes.Dispose();
            _output.Flush();
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Seal(bool final)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceLength];
        EnvelopeFormat.ChunkNonce(nonce, _index, final);
        var output = _sealed.AsSpan(0, EnvelopeFormat.ChunkPrefixLength + _used + EnvelopeFormat.TagLength);
        BinaryPrimitives.WriteUInt32LittleEndian(output, (uint)_used | (final ? FinalFlag : 0));
        _aes.Encrypt(nonce, _plain.AsSpan(0, _used), output.Slice(EnvelopeFormat.ChunkPrefixLength, _used), output[^EnvelopeFormat.TagLength..], _header);
        _output.Write(output);
        _index++;
        _used = 0;
    }

    internal static bool IsFinal(uint prefix, out int length)
    {
        length = (int)(prefix & ~FinalFlag);
        return (prefix & FinalFlag) != 0;
    }
}
