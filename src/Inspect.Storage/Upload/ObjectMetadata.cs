namespace Inspect.Storage.Upload;

/// <summary>The user metadata Inspect puts on a capture object (x-amz-meta-*), read back by fetch.</summary>
public static class ObjectMetadata
{
    public const string Sha256 = "inspect-sha256";
    public const string CaptureBytes = "inspect-capture-bytes";
    public const string LostBytes = "inspect-lost-bytes";
    public const string KeyId = "inspect-key-id";

    public static string Header(string name) => "x-amz-meta-" + name;
}
