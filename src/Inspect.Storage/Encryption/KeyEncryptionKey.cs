using System.Security.Cryptography;
using System.Text;

namespace Inspect.Storage.Encryption;

/// <summary>
/// The key that wraps each file's data key. Its id is a fingerprint of the key itself, so a file names the key it needs
/// without the key's bytes, and a wrong key is told apart from a corrupt file.
/// </summary>
public sealed class KeyEncryptionKey
{
    public KeyEncryptionKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyFile.KeyLength)
        {
            throw new ArgumentException($"a key-encryption key has {KeyFile.KeyLength} bytes, not {key.Length}", nameof(key));
        }

        Key = key;
        Id = Fingerprint(key);
    }

    /// <summary>"kek-" and 16 hex digits of SHA-256 over a label and the key.</summary>
    public string Id { get; }

    internal byte[] Key { get; }

    public static KeyEncryptionKey FromFile(string path) => new(KeyFile.Read(path));

    public override string ToString() => Id;

    private static string Fingerprint(byte[] key)
    {
        var label = Encoding.ASCII.GetBytes("inspect key-encryption-key id v1\0");
        var hash = SHA256.HashData([.. label, .. key]);
        return "kek-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
