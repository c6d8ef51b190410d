using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Inspect.Storage.Encryption;

/// <summary>
/// Client-side envelope encryption of a capture (docs/encryption.md): a header naming the key-encryption key and
/// carrying the wrapped data key, then AES-256-GCM chunks. Constants and the header live here; the streams use them.
/// </summary>
public static class EnvelopeFormat
{
    /// <summary>8 bytes: a non-ASCII first byte, "IENC", CR LF and SUB, so text-mode mangling and plain readers fail fast.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'I', (byte)'E', (byte)'N', (byte)'C', 0x0D, 0x0A, 0x1A];

    public const byte Version = 1;

    /// <summary>The only algorithm of version 1: AES-256-GCM chunks, the data key wrapped with AES-256-GCM.</summary>
    public const byte AlgorithmAes256Gcm = 1;

    public const int DefaultChunkLength = 64 * 1024;
    public const int MaxChunkLength = 16 * 1024 * 1024;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int DataKeyLength = 32;
    public const int WrappedKeyLength = NonceLength + DataKeyLength + TagLength;

    /// <summary>Bytes before each chunk's ciphertext: its plaintext length (u32, little-endian).</summary>
    public const int ChunkPrefixLength = 4;

    /// <summary>Whether <paramref name="start"/> (the first bytes of a file) begins with the envelope magic.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    /// <summary>Whether the file at <paramref name="path"/> is an encrypted capture.</summary>
    public static bool IsEncryptedFile(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[8];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && IsEncrypted(start);
    }

    /// <summary>
    /// The header: magic, version, algorithm, chunk length (u32), key id (u16 length + UTF-8), wrapped data key
    /// (u16 length + nonce, ciphertext, tag). The wrap authenticates every header byte before it.
    /// </summary>
    internal static byte[] WriteHeader(KeyEncryptionKey kek, int chunkLength, byte[] dataKey)
    {
        var keyId = Encoding.UTF8.GetBytes(kek.Id);
        var prefixLength = Magic.Length + 2 + 4 + 2 + keyId.Length + 2;
        var header = new byte[prefixLength + WrappedKeyLength];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        span[8] = Version;
        span[9] = AlgorithmAes256Gcm;
        BinaryPrimitives.WriteUInt32LittleEndian(span[10..], (uint)chunkLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)keyId.Length);
        keyId.CopyTo(span[16..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(16 + keyId.Length)..], WrappedKeyLength);

        var wrapped = span[prefixLength..];
        var nonce = wrapped[..NonceLength];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek.Key, TagLength);
        aes.Encrypt(nonce, dataKey, wrapped.Slice(NonceLength, DataKeyLength), wrapped[(NonceLength + DataKeyLength)..], span[..prefixLength]);
        return header;
    }

    /// <summary>Reads and checks a header; the data key is unwrapped only when a key is given.</summary>
    internal static EnvelopeHeader ReadHeader(Stream input, string source)
    {
        var fixedPart = new byte[16];
        ReadExactly(input, fixedPart, source, "header");
        if (!IsEncrypted(fixedPart))
        {
            throw new InvalidDataException($"{source}: not an encrypted capture (no envelope magic at offset 0)");
        }

        if (fixedPart[8] != Version || fixedPart[9] != AlgorithmAes256Gcm)
        {
            throw new InvalidDataException($"{source}: envelope version {fixedPart[8]}, algorithm {fixedPart[9]} is not supported (this build reads version {Version}, algorithm {AlgorithmAes256Gcm})");
        }

        var chunkLength = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(10));
        if (chunkLength is 0 or > MaxChunkLength)
        {
            throw new InvalidDataException($"{source}: envelope chunk length {chunkLength} at offset 10 is out of range (1..{MaxChunkLength})");
        }

        var keyIdLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(14));
        var rest = new byte[keyIdLength + 2];
        ReadExactly(input, rest, source, "key id");
        var wrappedLength = BinaryPrimitives.ReadUInt16LittleEndian(rest.AsSpan(keyIdLength));
        if (wrappedLength != WrappedKeyLength)
        {
            throw new InvalidDataException($"{source}: wrapped key length {wrappedLength} at offset {16 + keyIdLength} is not {WrappedKeyLength}");
        }

        var wrapped = new byte[WrappedKeyLength];
        ReadExactly(input, wrapped, source, "wrapped key");
        var keyId = Encoding.UTF8.GetString(rest.AsSpan(0, keyIdLength));
        return new EnvelopeHeader(keyId, (int)chunkLength, [.. fixedPart, .. rest], wrapped);
    }

    /// <summary>The nonce of chunk <paramref name="index"/>: the index (u64, big-endian) and a final-chunk marker.</summary>
    internal static void ChunkNonce(Span<byte> nonce, ulong index, bool final)
    {
        BinaryPrimitives.WriteUInt64BigEndian(nonce, index);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], final ? 1u : 0u);
    }

    internal static void ReadExactly(Stream input, byte[] buffer, string source, string what)
    {
        if (input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw new InvalidDataException($"{source}: the encrypted capture ends inside its {what}");
        }
    }
}
