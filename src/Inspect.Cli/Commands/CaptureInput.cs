using Inspect.Scap.Reading;
using Inspect.Storage.Encryption;

namespace Inspect.Cli.Commands;

/// <summary>
/// Opens a capture for the reading verbs: plain and gzip files as they are, client-side encrypted ones
/// (docs/encryption.md) decrypted on the fly with <c>--key FILE</c>, and refused without it, naming the key id.
/// </summary>
internal static class CaptureInput
{
    public static ScapReader Open(string path, string? keyFile)
    {
        if (!EnvelopeFormat.IsEncryptedFile(path))
        {
            return ScapReader.Open(path);
        }

        var kek = keyFile is null ? null : KeyEncryptionKey.FromFile(keyFile);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new ScapReader(EnvelopeDecryptingStream.Open(file, kek, path));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
