using System.Security.Cryptography;
using Inspect.Storage.Encryption;

namespace Inspect.Storage.Tests;

public sealed class EnvelopeEncryptionTests
{
    private static readonly KeyEncryptionKey Kek = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(10_001)]
    public void Encrypted_data_decrypts_to_the_same_bytes_and_does_not_contain_them(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);
        var sealedBytes = Encrypt(plain, chunk: 1000);

        Assert.True(EnvelopeFormat.IsEncrypted(sealedBytes));
        Assert.Equal(plain, Decrypt(sealedBytes, Kek));
        if (length >= 16)
        {
            Assert.True(sealedBytes.AsSpan().IndexOf(plain.AsSpan(0, 16)) < 0, "the plaintext appears in the ciphertext");
        }
    }

    [Fact]
    public void Without_a_key_the_error_names_the_key_id_and_the_option()
    {
        var e = Assert.Throws<EncryptedCaptureException>(() => Decrypt(Encrypt([1, 2, 3], 1000), null));
        Assert.Equal(Kek.Id, e.KeyId);
        Assert.Contains($"key id {Kek.Id}", e.Message, StringComparison.Ordinal);
        Assert.Contains("--key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_is_refused_with_both_ids()
    {
        var other = new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32));
        var e = Assert.Throws<EncryptedCaptureException>(() => Decrypt(Encrypt([1, 2, 3], 1000), other));
        Assert.Contains(Kek.Id, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.Id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_in_any_chunk_fails_authentication()
    {
        var sealedBytes = Encrypt(RandomNumberGenerator.GetBytes(5000), chunk: 1000);
        var headerLength = HeaderLength(sealedBytes);
        sealedBytes[headerLength + 4 + 1000 + 16 + 4 + 10] ^= 1; // inside the second chunk's ciphertext
        var e = Assert.Throws<InvalidDataException>(() => Decrypt(sealedBytes, Kek));
        Assert.Contains("chunk 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_chunks_are_detected()
    {
        var sealedBytes = Encrypt(RandomNumberGenerator.GetBytes(3000), chunk: 1000);
        var h = HeaderLength(sealedBytes);
        const int chunk = 4 + 1000 + 16;
        var swapped = sealedBytes.ToArray();
        sealedBytes.AsSpan(h, chunk).CopyTo(swapped.AsSpan(h + chunk));
        sealedBytes.AsSpan(h + chunk, chunk).CopyTo(swapped.AsSpan(h));
        Assert.Throws<InvalidDataException>(() => Decrypt(swapped, Kek));
    }

    [Fact]
    public void Truncation_at_a_chunk_boundary_is_detected()
    {
        var sealedBytes = Encrypt(RandomNumberGenerator.GetBytes(3500), chunk: 1000);
        var h = HeaderLength(sealedBytes);
        var truncated = sealedBytes[..(h + (2 * (4 + 1000 + 16)))];
        var e = Assert.Throws<InvalidDataException>(() => Decrypt(truncated, Kek));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_header_fails_before_any_data_is_returned()
    {
        var sealedBytes = Encrypt(RandomNumberGenerator.GetBytes(100), chunk: 1000);
        sealedBytes[10] ^= 1; // chunk length: authenticated by the key wrap
        var e = Assert.Throws<InvalidDataException>(() => Decrypt(sealedBytes, Kek));
        Assert.Contains("header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_files_take_raw_hex_and_base64_and_refuse_anything_else()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(key, KeyFile.Parse(key));
        Assert.Equal(key, KeyFile.Parse(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(key) + "\n")));
        Assert.Equal(key, KeyFile.Parse(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key))));
        Assert.Null(KeyFile.Parse(System.Text.Encoding.ASCII.GetBytes("too short")));
        Assert.Null(KeyFile.Parse(RandomNumberGenerator.GetBytes(31)));
    }

    internal static byte[] Encrypt(byte[] plain, int chunk)
    {
        using var output = new MemoryStream();
        using (var encrypt = new EnvelopeEncryptingStream(output, Kek, chunk, leaveOpen: true))
        {
            // Odd write sizes, so chunk boundaries fall inside writes.
            for (var i = 0; i < plain.Length; i += 333)
            {
                encrypt.Write(plain.AsSpan(i, Math.Min(333, plain.Length - i)));
            }
        }

        return output.ToArray();
    }

    internal static byte[] Decrypt(byte[] sealedBytes, KeyEncryptionKey? kek)
    {
        using var plain = EnvelopeDecryptingStream.Open(new MemoryStream(sealedBytes), kek, "test");
        using var output = new MemoryStream();
        plain.CopyTo(output);
        return output.ToArray();
    }

    private static int HeaderLength(byte[] sealedBytes) =>
        16 + BitConverter.ToUInt16(sealedBytes, 14) + 2 + EnvelopeFormat.WrappedKeyLength;
}
