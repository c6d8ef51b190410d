using System.Text;
using Inspect.Scap.Format;
using Inspect.Scap.Model;

namespace Inspect.Scap.Writing;

/// <summary>
/// Encodes a <see cref="RedactionSummary"/> as a whole block. The size depends only on the rule names, so a recorder
/// can write the block with zero counts first and overwrite it with the totals at the end.
/// </summary>
public static class RedactionBlockEncoder
{
    public static byte[] Encode(RedactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var block = new LittleEndianBuffer(256);
        block.U32(BlockTypes.CustomCopyable);
        block.U32(0);
        block.U32(RedactionBlock.PrivateEnterpriseNumber);
        block.Bytes(RedactionBlock.Tag);
        block.U32(summary.Final ? RedactionBlock.FinalFlag : 0);
        block.U32((uint)summary.Rules.Count);
        foreach (var rule in summary.Rules)
        {
            var name = Encoding.UTF8.GetBytes(rule.Rule);
            if (name.Length > RedactionBlock.MaxNameBytes)
            {
                throw new ArgumentException($"redaction rule name '{rule.Rule[..40]}...' is longer than {RedactionBlock.MaxNameBytes} bytes");
            }

            block.U64((ulong)rule.Count);
            block.Bytes16(name);
        }

        block.PadTo4();
        var total = (uint)(block.Length + 4);
        block.U32(total);
        block.PatchU32(4, total);
        return block.Written.ToArray();
    }
}
