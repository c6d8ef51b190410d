using System.Buffers.Binary;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// Cuts a spool file back to its last whole block. A process killed while writing can leave half a block at the end
/// of the file; every block (pcapng framing: type, total length, body, the length again) before it is intact.
/// </summary>
public static class TornTail
{
    /// <summary>Truncates <paramref name="path"/> after its last whole block; returns the bytes cut (0 when whole).</summary>
    public static long Trim(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var length = file.Length;
        Span<byte> header = stackalloc byte[8];
        Span<byte> trailer = stackalloc byte[4];
        long offset = 0;
        while (offset + 12 <= length)
        {
            file.Position = offset;
            file.ReadExactly(header);
            var blockLength = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (blockLength < 12 || blockLength % 4 != 0 || offset + blockLength > length)
            {
                break;
            }

            file.Position = offset + blockLength - 4;
            file.ReadExactly(trailer);
            if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != blockLength)
            {
                break;
            }

            offset += blockLength;
        }

        var cut = length - offset;
        if (cut > 0)
        {
            file.SetLength(offset);
        }

        return cut;
    }
}
