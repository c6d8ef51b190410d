using Inspect.Scap.Format;
using Inspect.Scap.Model;

namespace Inspect.Scap.Reading;

/// <summary>Decodes Inspect's redaction summary from a pcapng custom block (FORMAT.md §8); other custom blocks are not its business.</summary>
internal static class RedactionBlockDecoder
{
    /// <summary>The summary, or null when the custom block belongs to someone else.</summary>
    public static RedactionSummary? TryDecode(ReadOnlySpan<byte> body, long bodyOffset)
    {
        var tag = RedactionBlock.Tag;
        if (body.Length < 4 + tag.Length
            || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(body) != RedactionBlock.PrivateEnterpriseNumber
            || !body.Slice(4, tag.Length).SequenceEqual(tag))
        {
            return null;
        }

        var r = new SpanReader(body, bodyOffset);
        r.Skip(4 + tag.Length, "redaction tag");
        var flags = r.U32("redaction flags");
        var count = r.U32("redaction rule count");
        if (count > (uint)r.Remaining / 10)
        {
            ThrowHelper.Format(r.Offset - 4, $"redaction summary claims {count} rules but only {r.Remaining} bytes remain in the block");
        }

        var rules = new RuleCount[count];
        for (var i = 0; i < rules.Length; i++)
        {
            var masked = r.U64("redaction count");
            if (masked > long.MaxValue)
            {
                ThrowHelper.Format(r.Offset - 8, $"redaction count {masked} is impossible");
            }

            rules[i] = new RuleCount(r.Str16("redaction rule name"), (long)masked);
        }

        return new RedactionSummary((flags & RedactionBlock.FinalFlag) != 0, rules);
    }
}
