namespace Inspect.Storage.Download;

/// <summary>A fetched capture, checked: the object's size and SHA-256 as stored, and the file's events read back.</summary>
/// <param name="Path">The file written.</param>
/// <param name="ObjectBytes">Bytes downloaded (the object as stored).</param>
/// <param name="Sha256">The object's SHA-256, equal to the one recorded at upload.</param>
/// <param name="FileBytes">Bytes of the file written (decrypted when the object was encrypted).</param>
/// <param name="Events">Events in the file, read back with the .scap reader.</param>
/// <param name="KeyId">The client-side key id, when the object was encrypted.</param>
/// <param name="LostBytes">Capture bytes the upload reported lost, from the object's metadata.</param>
public sealed record FetchResult(string Path, long ObjectBytes, string Sha256, long FileBytes, long Events, string? KeyId, long LostBytes);
