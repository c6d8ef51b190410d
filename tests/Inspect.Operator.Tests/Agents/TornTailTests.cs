using System.Buffers.Binary;
using Inspect.Agent.Host.Captures;

namespace Inspect.Operator.Tests.Agents;

/// <summary>Cutting a spool file back to its last whole block, as the agent does before storing a recording a
/// killed process left.</summary>
public sealed class TornTailTests
{
    [Fact]
    public void Half_a_block_at_the_end_is_cut_and_whole_files_are_left_alone()
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] whole = [.. Block(1, 4), .. Block(2, 12)];
            File.WriteAllBytes(path, whole);
            Assert.Equal(0, TornTail.Trim(path));
            Assert.Equal(whole, File.ReadAllBytes(path));

            // The third block's header says 28 bytes, only 10 of them reached the disk.
            File.WriteAllBytes(path, [.. whole, .. Block(3, 16)[..10]]);
            Assert.Equal(10, TornTail.Trim(path));
            Assert.Equal(whole, File.ReadAllBytes(path));

            // A block whose trailer does not repeat its length was not finished either.
            var unfinished = Block(4, 8);
            unfinished[^1] = 0x7f;
            File.WriteAllBytes(path, [.. whole, .. unfinished]);
            Assert.Equal(unfinished.Length, TornTail.Trim(path));
            Assert.Equal(whole.Length, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Block(uint type, int bodyLength)
    {
        var block = new byte[12 + bodyLength];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)block.Length);
        block.AsSpan(8, bodyLength).Fill((byte)type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), (uint)block.Length);
        return block;
    }
}
