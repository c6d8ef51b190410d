using System.Globalization;
using Inspect.Analysis.Events;
using Inspect.Analysis.State;
using Inspect.Analysis.Text;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Fields;

/// <summary>The <c>evt.*</c> family: the event itself (number, time, type, direction, arguments, result, I/O).</summary>
public static class EventFields
{
    /// <summary>Every <c>evt.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("evt.num", FieldType.UInt64, FieldFormat.Id, "event number, counting every event sysdig 0.29 reads from the capture",
            static (ref EventContext c) => FieldValue.Of((ulong)c.Number)),
        new("evt.time", FieldType.CharBuf, FieldFormat.NotApplicable, "time of day with nanoseconds (local time zone)",
            static (ref EventContext c) => FieldValue.Of(TimeText.Clock(c.Event.Timestamp, false, true))),
        new("evt.time.s", FieldType.CharBuf, FieldFormat.NotApplicable, "time of day without the fraction",
            static (ref EventContext c) => FieldValue.Of(TimeText.Clock(c.Event.Timestamp, false, false))),
        new("evt.time.iso8601", FieldType.CharBuf, FieldFormat.NotApplicable, "timestamp in ISO 8601 (UTC) with nanoseconds",
            static (ref EventContext c) => FieldValue.Of(TimeText.Iso8601(c.Event.Timestamp))),
        new("evt.datetime", FieldType.CharBuf, FieldFormat.NotApplicable, "date and time of day with nanoseconds",
            static (ref EventContext c) => FieldValue.Of(TimeText.Clock(c.Event.Timestamp, true, true))),
        new("evt.datetime.s", FieldType.CharBuf, FieldFormat.NotApplicable, "date and time of day without the fraction",
            static (ref EventContext c) => FieldValue.Of(TimeText.Clock(c.Event.Timestamp, true, false))),
        new("evt.rawtime", FieldType.UInt64, FieldFormat.Decimal, "timestamp in nanoseconds since the epoch",
            static (ref EventContext c) => FieldValue.Of(c.Event.Timestamp)),
        new("evt.rawtime.s", FieldType.UInt64, FieldFormat.Decimal, "whole seconds of the timestamp",
            static (ref EventContext c) => FieldValue.Of(c.Event.Timestamp / 1_000_000_000)),
        new("evt.rawtime.ns", FieldType.UInt64, FieldFormat.PaddedDecimal, "nanosecond part of the timestamp",
            static (ref EventContext c) => FieldValue.Of(c.Event.Timestamp % 1_000_000_000)),
        new("evt.reltime", FieldType.RelTime, FieldFormat.PaddedDecimal, "nanoseconds since the first event of the capture",
            static (ref EventContext c) => FieldValue.Of(c.Event.Timestamp - c.Engine.FirstEventTimestamp)),
        new("evt.reltime.s", FieldType.RelTime, FieldFormat.Decimal, "whole seconds since the first event",
            static (ref EventContext c) => FieldValue.Of((c.Event.Timestamp - c.Engine.FirstEventTimestamp) / 1_000_000_000)),
        new("evt.reltime.ns", FieldType.RelTime, FieldFormat.PaddedDecimal, "nanosecond part of the time since the first event",
            static (ref EventContext c) => FieldValue.Of((c.Event.Timestamp - c.Engine.FirstEventTimestamp) % 1_000_000_000)),
        new("evt.outputtime", FieldType.CharBuf, FieldFormat.NotApplicable, "the timestamp as sysdig prints it by default (time of day with nanoseconds)",
            FieldFlags.None, static (d, argument) => new BoundField(d, d.Name, static (ref EventContext c) => FieldValue.Of(c.Event.Timestamp))
            {
                Type = FieldType.UInt64,
                Format = FieldFormat.Decimal,
                Display = static (ref EventContext c) => TimeText.Clock(c.Event.Timestamp, false, true),
            }),
        new("evt.latency", FieldType.RelTime, FieldFormat.Decimal, "nanoseconds between an exit event and its enter event",
            static (ref EventContext c) => Latency(ref c, 0)),
        new("evt.latency.s", FieldType.RelTime, FieldFormat.Decimal, "whole seconds of the latency",
            static (ref EventContext c) => Latency(ref c, 1)),
        new("evt.latency.ns", FieldType.RelTime, FieldFormat.PaddedDecimal, "nanosecond part of the latency",
            static (ref EventContext c) => Latency(ref c, 2)),
        new("evt.deltatime", FieldType.RelTime, FieldFormat.Decimal, "nanoseconds since the previous event this field was read for",
            FieldFlags.None, static (d, argument) => BindDelta(d, 0)),
        new("evt.deltatime.s", FieldType.RelTime, FieldFormat.Decimal, "whole seconds of evt.deltatime",
            FieldFlags.None, static (d, argument) => BindDelta(d, 1)),
        new("evt.deltatime.ns", FieldType.RelTime, FieldFormat.PaddedDecimal, "nanosecond part of evt.deltatime",
            FieldFlags.None, static (d, argument) => BindDelta(d, 2)),
        new("evt.dir", FieldType.CharBuf, FieldFormat.Direction, "direction: '>' for enter events, '<' for exit events",
            static (ref EventContext c) => FieldValue.Of(c.IsEnter ? ">" : "<")),
        new("evt.type", FieldType.CharBuf, FieldFormat.NotApplicable, "event type, e.g. 'open' (the syscall's name for generic events)",
            static (ref EventContext c) => FieldValue.Of(TypeName(ref c))),
        new("syscall.type", FieldType.CharBuf, FieldFormat.NotApplicable, "for system call events, the syscall's name; none for scheduler and internal events",
            static (ref EventContext c) => c.Type == EventCodes.Switch || (c.Info.Flags & EventFlags.SkipParseReset) != 0 ? FieldValue.Null : FieldValue.Of(TypeName(ref c))),
        new("evt.category", FieldType.CharBuf, FieldFormat.NotApplicable, "event category: file, net, process, memory, ipc, ...",
            static (ref EventContext c) => FieldValue.Of(Category(ref c))),
        new("evt.cpu", FieldType.Int16, FieldFormat.Id, "CPU the event happened on",
            static (ref EventContext c) => FieldValue.Of((long)c.Event.Cpu)),
        new("evt.args", FieldType.CharBuf, FieldFormat.NotApplicable, "all arguments as name=value pairs",
            static (ref EventContext c) => FieldValue.Of(c.Renderer.RenderAll(ref c))),
        new("evt.info", FieldType.CharBuf, FieldFormat.NotApplicable, "the event's arguments as sysdig shows them in its default line",
            static (ref EventContext c) => FieldValue.Of(c.Renderer.RenderAll(ref c))),
        new("evt.arg", FieldType.CharBuf, FieldFormat.NotApplicable, "one argument, by name (evt.arg.fd) or by position (evt.arg[0]), resolved when possible",
            FieldFlags.RequiresArgument, BindArg) { ArgumentSyntax = ".NAME|[N]" },
        new("evt.buffer", FieldType.ByteBuf, FieldFormat.NotApplicable, "the data buffer of I/O events (read, write, sendto, ...)",
            FieldFlags.None, static (d, argument) => new BoundField(d, d.Name, static (ref EventContext c) => RawParam(ref c, "data"))
            {
                Display = static (ref EventContext c) => c.ParamIndex("data") is var i and >= 0 ? c.Renderer.Render(ref c, i, out _) : null,
            }),
        new("evt.buflen", FieldType.UInt64, FieldFormat.Decimal, "length of the data buffer of I/O events",
            static (ref EventContext c) => BufferLength(ref c)),
        new("evt.res", FieldType.CharBuf, FieldFormat.Decimal, "result: SUCCESS, or the error code name (e.g. ENOENT)",
            static (ref EventContext c) => FieldValue.Of(Result(ref c))),
        new("evt.rawres", FieldType.Int64, FieldFormat.Decimal, "result as a number (e.g. -2)",
            static (ref EventContext c) => ResultIndex(ref c) is var i and >= 0 ? FieldValue.Of(c.ParamInt64(i)) : FieldValue.Null),
        new("evt.failed", FieldType.Bool, FieldFormat.NotApplicable, "true for events that returned an error",
            static (ref EventContext c) => FieldValue.Of(ResultIndex(ref c) is var i and >= 0 && c.ParamInt64(i) < 0)),
        new("evt.is_io", FieldType.Bool, FieldFormat.NotApplicable, "true for events that read or write an fd",
            static (ref EventContext c) => FieldValue.Of((c.Info.Flags & (EventFlags.ReadsFromFd | EventFlags.WritesToFd)) != 0)),
        new("evt.is_io_read", FieldType.Bool, FieldFormat.NotApplicable, "true for events that read from an fd",
            static (ref EventContext c) => FieldValue.Of((c.Info.Flags & EventFlags.ReadsFromFd) != 0)),
        new("evt.is_io_write", FieldType.Bool, FieldFormat.NotApplicable, "true for events that write to an fd",
            static (ref EventContext c) => FieldValue.Of((c.Info.Flags & EventFlags.WritesToFd) != 0)),
        new("evt.io_dir", FieldType.CharBuf, FieldFormat.NotApplicable, "'read' or 'write' for I/O events",
            static (ref EventContext c) => FieldValue.Of((c.Info.Flags & EventFlags.WritesToFd) != 0 ? "write" : (c.Info.Flags & EventFlags.ReadsFromFd) != 0 ? "read" : null)),
        new("evt.is_wait", FieldType.Bool, FieldFormat.NotApplicable, "true for events that make the thread wait (sleep, select, poll)",
            static (ref EventContext c) => FieldValue.Of((c.Info.Flags & EventFlags.Waits) != 0)),
        new("evt.wait_latency", FieldType.RelTime, FieldFormat.Decimal, "for waiting events, nanoseconds spent waiting",
            static (ref EventContext c) => (c.Info.Flags & EventFlags.Waits) != 0 && !c.IsEnter ? FieldValue.Of(c.ParsedThread?.Latency ?? 0) : FieldValue.Null),
        new("evt.count", FieldType.UInt32, FieldFormat.Decimal, "always 1, for counting",
            static (ref EventContext c) => FieldValue.Of(1L)),
        new("evt.count.error", FieldType.UInt32, FieldFormat.Decimal, "1 for events that returned an error",
            static (ref EventContext c) => ResultIndex(ref c) is var i and >= 0 && c.ParamInt64(i) < 0 ? FieldValue.Of(1L) : FieldValue.Null),
        new("evt.count.exit", FieldType.UInt32, FieldFormat.Decimal, "1 for exit events",
            static (ref EventContext c) => c.IsEnter ? FieldValue.Null : FieldValue.Of(1L)),
    ];

    /// <summary>The event type name sysdig prints (generic syscall events are named after their syscall).</summary>
    public static string TypeName(ref EventContext c)
    {
        if (c.Type is EventCodes.GenericE or EventCodes.GenericX && c.ParamCount > 0)
        {
            var id = ParamReader.UInt16(c.Param(0));
            return SyscallTable.TryGet(id)?.Name ?? c.Info.Name;
        }

        return c.Info.Name;
    }

    /// <summary>Index of the parameter holding the result: "res", or "fd" for exits that create an fd; -1 when none.</summary>
    public static int ResultIndex(ref EventContext c)
    {
        var i = c.ParamIndex("res");
        if (i >= 0)
        {
            return i;
        }

        return (c.Info.Flags & EventFlags.CreatesFd) != 0 && !c.IsEnter ? c.ParamIndex("fd") : -1;
    }

    private static FieldValue Latency(ref EventContext c, int part)
    {
        if (c.ParsedThread is not { } t)
        {
            return FieldValue.Of(0UL);
        }

        if (((ushort)c.Info.Category & (ushort)EventCategory.Internal) != 0)
        {
            return FieldValue.Null;
        }

        return part switch
        {
            1 => FieldValue.Of(t.Latency / 1_000_000_000),
            2 => FieldValue.Of(t.Latency % 1_000_000_000),
            _ => FieldValue.Of(t.Latency),
        };
    }

    // Each use of the field keeps its own previous timestamp, as sysdig's does.
    private static BoundField BindDelta(FieldDefinition d, int part)
    {
        var previous = 0UL;
        return new BoundField(d, d.Name, (ref EventContext c) =>
        {
            var ts = c.Event.Timestamp;
            var delta = previous == 0 ? 0 : ts - previous;
            previous = ts;
            return FieldValue.Of(part switch { 1 => delta / 1_000_000_000, 2 => delta % 1_000_000_000, _ => delta });
        });
    }

    private static string? Result(ref EventContext c)
    {
        var i = ResultIndex(ref c);
        if (i < 0)
        {
            return null;
        }

        var v = c.ParamInt64(i);
        if (v >= 0)
        {
            return "SUCCESS";
        }

        var raw = c.Renderer.Render(ref c, i, out var resolved);
        return resolved.Length != 0 ? resolved : raw;
    }

    private static FieldValue BufferLength(ref EventContext c)
    {
        if (c.Fd is null || ((ushort)c.Info.Category & (ushort)EventCategory.IoBase) == 0 || c.IsEnter || c.ParamCount == 0)
        {
            return FieldValue.Null;
        }

        var res = c.ParamInt64(0);
        return res >= 0 ? FieldValue.Of(res) : FieldValue.Null;
    }

    private static FieldValue RawParam(ref EventContext c, string name)
    {
        var i = c.ParamIndex(name);
        return i < 0 ? FieldValue.Null : FieldValue.Of(c.Param(i));
    }

    private static string Category(ref EventContext c)
    {
        var category = (ushort)c.Info.Category;
        if (c.Type is EventCodes.GenericE or EventCodes.GenericX && c.ParamCount > 0)
        {
            category = (ushort)(SyscallTable.TryGet(ParamReader.UInt16(c.Param(0)))?.Category ?? EventCategory.Unknown);
            return Name(category, null);
        }

        return Name(category, c.Fd);

        static string Name(ushort category, FdInfo? fd) => category switch
        {
            0 => "unknown",
            1 => "other",
            2 => "file",
            3 => "net",
            4 => "IPC",
            5 => "memory",
            6 => "process",
            7 => "sleep",
            8 => "system",
            9 => "signal",
            10 => "user",
            11 => "time",
            12 => "processing",
            32 or 33 or 34 => fd?.Type switch
            {
                Scap.Model.FdType.File or Scap.Model.FdType.FileV2 or Scap.Model.FdType.Directory => "file",
                Scap.Model.FdType.IPv4Socket or Scap.Model.FdType.IPv6Socket or Scap.Model.FdType.IPv4ServerSocket or Scap.Model.FdType.IPv6ServerSocket => "net",
                Scap.Model.FdType.Fifo or Scap.Model.FdType.UnixSocket or Scap.Model.FdType.Event or Scap.Model.FdType.SignalFd or Scap.Model.FdType.Inotify => "ipc",
                _ => "unknown",
            },
            64 => "wait",
            128 => "scheduler",
            _ => "unknown",
        };
    }

    private static BoundField BindArg(FieldDefinition d, string? argument)
    {
        if (argument is null)
        {
            throw new FieldException("evt.arg needs an argument: evt.arg.NAME or evt.arg[N]");
        }

        if (argument.StartsWith('['))
        {
            if (!int.TryParse(argument.AsSpan(1, argument.Length - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                throw new FieldException($"evt.arg index '{argument}' is not a number");
            }

            return new BoundField(d, d.Name + argument, (ref EventContext c) =>
                index >= c.ParamCount || index < 0 ? FieldValue.Null : FieldValue.Of(c.Renderer.RenderPreferResolved(ref c, index)));
        }

        var name = argument.TrimStart('.');
        if (!ParameterNames.Contains(name))
        {
            throw new FieldException($"unknown event argument '{name}'");
        }

        return new BoundField(d, d.Name + "." + name, (ref EventContext c) =>
            c.ParamIndex(name) is var i and >= 0 ? FieldValue.Of(c.Renderer.RenderPreferResolved(ref c, i)) : FieldValue.Null);
    }

    private static readonly HashSet<string> ParameterNames = BuildParameterNames();

    private static HashSet<string> BuildParameterNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ushort code = 0; code < EventTable.KnownCodeLimit; code++)
        {
            foreach (var p in EventTable.Get(code).Parameters)
            {
                names.Add(p.Name);
            }
        }

        return names;
    }
}
