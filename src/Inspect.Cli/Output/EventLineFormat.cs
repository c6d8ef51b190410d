using System.Globalization;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Output;

/// <summary>
/// A sysdig-style output format (<c>-p "%evt.num %evt.type ..."</c>): literal text with <c>%field</c> references,
/// compiled once into a list of writers.
/// </summary>
internal sealed class EventLineFormat
{
    private readonly Part[] _parts;

    private EventLineFormat(Part[] parts)
    {
        _parts = parts;
    }

    private delegate void FieldWriter(in ScapEvent evt, long number, TextWriter output);

    /// <summary>The fields this format understands, with what they print.</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["evt.num"] = "event number, counting every event sysdig 0.29.3 reads from the file",
        ["evt.rawtime"] = "timestamp in nanoseconds since the epoch",
        ["evt.cpu"] = "CPU (ring index) the event was captured on",
        ["evt.type"] = "event type name (the syscall name for generic syscall events)",
        ["evt.dir"] = "direction: > for enter, < for exit",
        ["thread.tid"] = "thread id",
    };

    public static EventLineFormat Parse(string format)
    {
        var parts = new List<Part>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length || !IsFieldChar(format[i + 1]))
            {
                literal.Append(format[i]);
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < format.Length && IsFieldChar(format[end]))
            {
                end++;
            }

            var name = format[start..end].TrimEnd('.');
            end = start + name.Length;
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null));
                literal.Clear();
            }

            parts.Add(new Part(null, Compile(name, start - 1)));
            i = end - 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
        }

        return new EventLineFormat([.. parts]);
    }

    public void Write(in ScapEvent evt, long number, TextWriter output)
    {
        foreach (var part in _parts)
        {
            if (part.Writer is null)
            {
                output.Write(part.Literal);
            }
            else
            {
                part.Writer(evt, number, output);
            }
        }

        output.Write('\n');
    }

    private static bool IsFieldChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_';

    private static FieldWriter Compile(string name, int column) => name switch
    {
        "evt.num" => static (in ScapEvent _, long n, TextWriter o) => o.Write(n.ToString(CultureInfo.InvariantCulture)),
        "evt.rawtime" => static (in ScapEvent e, long _, TextWriter o) => o.Write(e.Timestamp.ToString(CultureInfo.InvariantCulture)),
        "evt.cpu" => static (in ScapEvent e, long _, TextWriter o) => o.Write(e.Cpu.ToString(CultureInfo.InvariantCulture)),
        "evt.type" => static (in ScapEvent e, long _, TextWriter o) => o.Write(TypeName(e)),
        "evt.dir" => static (in ScapEvent e, long _, TextWriter o) => o.Write(e.IsEnter ? '>' : '<'),
        "thread.tid" => static (in ScapEvent e, long _, TextWriter o) => o.Write(e.ThreadId.ToString(CultureInfo.InvariantCulture)),
        _ => throw new UsageException($"unknown field '{name}' at column {column + 1} of the format (known: {string.Join(", ", Fields.Keys)})"),
    };

    // Generic syscall events carry the syscall's portable code in their first parameter; sysdig names them after it.
    private static string TypeName(in ScapEvent e)
    {
        var info = e.Info;
        if (info is null)
        {
            return "unknown";
        }

        if (e.Type <= 1 && e.ParamCount > 0 && e.ParamLength(0) == 2)
        {
            var id = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(e.Param(0));
            return SyscallTable.TryGet(id)?.Name ?? info.Name;
        }

        return info.Name;
    }

    private sealed record Part(string? Literal, FieldWriter? Writer);
}
