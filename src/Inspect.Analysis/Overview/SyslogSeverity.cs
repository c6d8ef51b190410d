using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Overview;

/// <summary>
/// sysdig's syslog decoder (the <c>syslog.severity</c> field): a successful write to an fd named like
/// <c>/dev/log</c> whose data starts with <c>&lt;PRI&gt;</c> is a syslog message of severity PRI &amp; 7.
/// </summary>
internal static class SyslogSeverity
{
    private const int MaxPriorityDigits = 15;

    private static readonly BoundField FdName = FieldRegistry.Bind("fd.name");
    private static readonly BoundField Buffer = FieldRegistry.Bind("evt.buffer");

    public static int? Of(ref EventContext ctx)
    {
        if (ctx.IsEnter || (ctx.Info.Flags & EventFlags.WritesToFd) == 0)
        {
            return null;
        }

        if (FdName.Extract(ref ctx).Text is not { } name || !name.Contains("/dev/log", StringComparison.Ordinal))
        {
            return null;
        }

        var data = Buffer.Extract(ref ctx).Bytes;

        // Like the decoder, the first byte is taken to be '<' without looking at it.
        var digits = 0;
        while (1 + digits < data.Length && digits < MaxPriorityDigits && data[1 + digits] is not (byte)'>' and not 0)
        {
            digits++;
        }

        if (digits == 0 || data.Length < digits + 2)
        {
            return null;
        }

        var priority = 0;
        foreach (var b in data.Slice(1, digits))
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return null;
            }

            priority = unchecked((priority * 10) + (b - '0'));
        }

        return priority & 7;
    }
}
