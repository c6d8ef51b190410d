using Inspect.Scap.Reading;
using Inspect.Storage.Encryption;

namespace Inspect.Cli.Commands;

/// <summary>
/// Opens a capture for the reading verbs: plain and gzip files as they are, client-side encrypted ones
/// (docs/encryption.md) decrypted on the fly with <c>--key FILE</c>, and refused without it, naming the key id.
/// With <c>INSPECT_READ_AHEAD=1</c> in the environment, blocks are read, inflated, decrypted and validated on a second
/// thread (worth it where a core is idle; on a busy machine it costs more than it saves).
/// </summary>
internal static class CaptureInput
{
    public const string ReadAheadVariable = "INSPECT_READ_AHEAD";

    public static ScapReader Open(string path, string? keyFile)
    {
        var readAhead = Environment.GetEnvironmentVariable(ReadAheadVariable) == "1";
        if (!EnvelopeFormat.IsEncryptedFile(path))
        {
            return ScapReader.Open(path, readAhead);
        }

        var kek = keyFile is null ? null : KeyEncryptionKey.FromFile(keyFile);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new ScapReader(EnvelopeDecryptingStream.Open(file, kek, path), readAhead: readAhead);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
