using System.Security.Cryptography;

namespace Inspect.Storage.Encryption;

/// <summary>A parsed envelope header: which key it needs, its chunk length, and the wrapped data key.</summary>
/// <param name="KeyId">The id of the key-encryption key that wrapped the data key.</param>
/// <param name="ChunkLength">Plaintext bytes per chunk (every chunk but the last has exactly this many).</param>
/// <param name="AuthenticatedPrefix">Header bytes before the wrapped key, authenticated by the wrap.</param>
/// <param name="WrappedKey">Nonce, encrypted data key and tag.</param>
internal sealed record EnvelopeHeader(string KeyId, int ChunkLength, byte[] AuthenticatedPrefix, byte[] WrappedKey)
{
    /// <summary>The whole header; every chunk authenticates it as associated data, binding chunks to their file.</summary>
    public byte[] Bytes => [.. AuthenticatedPrefix, .. WrappedKey];

    /// <summary>Unwraps the data key; a different key or a changed header fails here with the ids involved.</summary>
    public byte[] Unwrap(KeyEncryptionKey kek, string source)
    {
        if (!string.Equals(kek.Id, KeyId, StringComparison.Ordinal))
        {
            throw new EncryptedCaptureException(KeyId, $"{source} is encrypted with key id {KeyId}, but the key given has id {kek.Id}");
        }

        var dataKey = new byte[EnvelopeFormat.DataKeyLength];
        try
        {
            using var aes = new AesGcm(kek.Key, EnvelopeFormat.TagLength);
            aes.Decrypt(
                WrappedKey.AsSpan(0, EnvelopeFormat.NonceLength),
                WrappedKey.AsSpan(EnvelopeFormat.NonceLength, EnvelopeFormat.DataKeyLength),
                WrappedKey.AsSpan(EnvelopeFormat.NonceLength + EnvelopeFormat.DataKeyLength),
                dataKey,
                AuthenticatedPrefix);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException($"{source}: the envelope header fails authentication (header changed or damaged)", e);
        }

        return dataKey;
    }
}
