namespace Inspect.Storage.Upload;

/// <summary>What became of an upload: where the object is, its size and checksum, and anything that was lost or left behind.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The capture object's key.</param>
/// <param name="SummaryKey">The JSON summary object's key (written only when <paramref name="Complete"/>).</param>
/// <param name="Complete">The object is in the store, whole, with its checksum metadata.</param>
/// <param name="ObjectBytes">Bytes of the object (compressed, and encrypted when asked).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the object's bytes.</param>
/// <param name="Parts">Parts the object was sent in.</param>
/// <param name="CaptureBytes">Capture bytes taken into the object (before compression).</param>
/// <param name="LostBytes">Capture bytes dropped because the spool quota was full while the store was unreachable.</param>
/// <param name="LostWrites">Writes (whole .scap blocks, for a capture) dropped for the same reason.</param>
/// <param name="Gaps">Where the capture stream lost bytes: offset in the capture and length.</param>
/// <param name="KeyId">The client-side key id, when the object is envelope-encrypted.</param>
/// <param name="ServerSideEncryption">The server-side encryption asked for, if any.</param>
/// <param name="Error">Why the upload did not complete.</param>
/// <param name="SpoolDirectory">Where the parts not sent remain, with a manifest, when the upload did not complete.</param>
public sealed record UploadResult(
    string Bucket,
    string Key,
    string SummaryKey,
    bool Complete,
    long ObjectBytes,
    string Sha256,
    int Parts,
    long CaptureBytes,
    long LostBytes,
    long LostWrites,
    IReadOnlyList<CaptureGap> Gaps,
    string? KeyId,
    string? ServerSideEncryption,
    string? Error,
    string? SpoolDirectory)
{
    public string Uri => $"s3://{Bucket}/{Key}";
}

/// <summary>A stretch of the capture stream that did not reach the object.</summary>
/// <param name="Offset">Capture bytes written before it.</param>
/// <param name="Bytes">Capture bytes lost.</param>
public sealed record CaptureGap(long Offset, long Bytes);
