using System.Globalization;
using System.Text;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.State;
using Inspect.Analysis.Text;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Payload;

/// <summary>
/// The I/O stream view: every read, write, send and receive that carries data, in capture order, with its direction,
/// process, fd and endpoint, followed by the captured bytes as hex and ASCII (16 per row).
/// </summary>
public static class PayloadWriter
{
    /// <summary>Writes the event when it is an I/O exit with a data buffer; returns whether it wrote anything.</summary>
    public static bool Write(ref EventContext ctx, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Describe(ref ctx) is not { } chunk)
        {
            return false;
        }

        output.Write(chunk.Header + "\n");
        HexDump(chunk.Data, output);
        return true;
    }

    /// <summary>
    /// The event's header line (number, time, process, direction, fd, endpoint, size) and its captured bytes, when it
    /// is an I/O exit with a data buffer; null otherwise.
    /// </summary>
    public static PayloadChunk? Describe(ref EventContext ctx)
    {
        var flags = ctx.Info.Flags;
        if (ctx.IsEnter || (flags & (EventFlags.ReadsFromFd | EventFlags.WritesToFd)) == 0)
        {
            return null;
        }

        var dataIndex = ctx.ParamIndex("data");
        if (dataIndex < 0)
        {
            return null;
        }

        var data = ctx.Param(dataIndex);
        var res = ctx.ParamCount > 0 ? ctx.ParamInt64(0) : 0;
        if (data.IsEmpty)
        {
            return null;
        }

        var read = (flags & EventFlags.ReadsFromFd) != 0;
        var fd = FdFields.Resolve(ref ctx, out var thread);
        var t = thread ?? ctx.Thread;
        var sb = new StringBuilder();
        sb.Append('#').Append(ctx.Number.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(TimeText.Clock(ctx.Event.Timestamp, false, true)).Append(' ')
            .Append(t?.Comm ?? "<NA>").Append(" (").Append(ctx.Event.ThreadId.ToString(CultureInfo.InvariantCulture)).Append(") ")
            .Append(EventFields.TypeName(ref ctx)).Append(' ')
            .Append(read ? "<- " : "-> ")
            .Append("fd=").Append((t?.LastEventFd ?? -1).ToString(CultureInfo.InvariantCulture));
        if (fd is not null)
        {
            sb.Append('(').Append('<').Append(fd.TypePrefix).Append('>').Append(CText.Sanitize(fd.Name)).Append(')');
            if (fd.IsIpSocket && !fd.RoleNone)
            {
                // The client is the source side of a connection: the server's peer is the source, the client's the destination.
                var remote = fd.Role == FdRole.Server ? FdInfo.Endpoint(fd.SourceIp, fd.SourcePort) : FdInfo.Endpoint(fd.DestIp, fd.DestPort);
                sb.Append(read ? " from " : " to ").Append(remote);
            }
        }

        sb.Append(' ').Append(res.ToString(CultureInfo.InvariantCulture)).Append(" bytes");
        if (res > data.Length)
        {
            sb.Append(" (").Append(data.Length.ToString(CultureInfo.InvariantCulture)).Append(" captured)");
        }

        return new PayloadChunk(sb.ToString(), read, data.ToArray());
    }

    /// <summary>16 bytes per row: offset, hex bytes, then the printable ASCII ('.' for the rest).</summary>
    public static void HexDump(ReadOnlySpan<byte> data, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sb = new StringBuilder();
        for (var row = 0; row < data.Length; row += 16)
        {
            var chunk = data.Slice(row, Math.Min(16, data.Length - row));
            sb.Clear().Append("  ").Append(row.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                sb.Append(i < chunk.Length ? chunk[i].ToString("x2", CultureInfo.InvariantCulture) : "  ").Append(i == 7 ? "  " : " ");
            }

            sb.Append(' ').Append(CText.Dots(chunk)).Append('\n');
            output.Write(sb.ToString());
        }
    }
}
