using System.Text;

namespace Inspect.Storage.Encryption;

/// <summary>
/// Reads a 256-bit key from a file: 32 raw bytes (a Kubernetes Secret mounted as a file), 64 hex digits, or the base64
/// of 32 bytes, with surrounding whitespace ignored. Anything else is refused with the path and what was found.
/// </summary>
public static class KeyFile
{
    public const int KeyLength = 32;

    public static byte[] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read the key file {path}: {e.Message}", e);
        }

        return Parse(raw) ?? throw new InvalidDataException(
            $"{path} is not a 256-bit key: expected 32 raw bytes, 64 hex digits or base64 of 32 bytes, found {raw.Length} bytes");
    }

    /// <summary>The key in <paramref name="content"/>, or null when it is none of the accepted forms.</summary>
    public static byte[]? Parse(ReadOnlySpan<byte> content)
    {
        if (content.Length == KeyLength)
        {
            return content.ToArray();
        }

        var text = Encoding.ASCII.GetString(content).Trim();
        if (text.Length == 2 * KeyLength && text.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(text);
        }

        var decoded = new byte[KeyLength + 3];
        return Convert.TryFromBase64String(text, decoded, out var written) && written == KeyLength ? decoded[..KeyLength] : null;
    }
}
