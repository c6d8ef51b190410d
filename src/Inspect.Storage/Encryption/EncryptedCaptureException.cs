namespace Inspect.Storage.Encryption;

/// <summary>A capture is encrypted and no key, or not its key, was given. Carries the key id the file needs.</summary>
public sealed class EncryptedCaptureException : IOException
{
    public EncryptedCaptureException(string keyId, string message)
        : base(message)
    {
        KeyId = keyId;
    }

    public EncryptedCaptureException()
    {
        KeyId = "";
    }

    public EncryptedCaptureException(string message)
        : base(message)
    {
        KeyId = "";
    }

    public EncryptedCaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
        KeyId = "";
    }

    public string KeyId { get; }
}
