using Inspect.Analysis.Events;
using Inspect.Analysis.State;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Fields;

/// <summary>
/// The <c>evt.buflen.*</c> and <c>evt.count.*</c> counters csysdig's views aggregate: an I/O exit's byte count by
/// direction and fd kind, and 1-valued markers for errors by kind and for procinfo samples. Each has no value (NULL)
/// where it does not apply, so a view's SUM only adds the events it is about.
/// </summary>
public static class IoCounterFields
{
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("evt.buflen.in", FieldType.UInt64, FieldFormat.Decimal, "bytes of an input I/O exit on any fd",
            static (ref EventContext c) => Buflen(ref c, IoDirection.In, FdKind.Any)),
        new("evt.buflen.out", FieldType.UInt64, FieldFormat.Decimal, "bytes of an output I/O exit on any fd",
            static (ref EventContext c) => Buflen(ref c, IoDirection.Out, FdKind.Any)),
        new("evt.buflen.file", FieldType.UInt64, FieldFormat.Decimal, "bytes of an I/O exit on a file, either direction",
            static (ref EventContext c) => Buflen(ref c, IoDirection.Either, FdKind.File)),
        new("evt.buflen.file.in", FieldType.UInt64, FieldFormat.Decimal, "bytes of an input I/O exit on a file",
            static (ref EventContext c) => Buflen(ref c, IoDirection.In, FdKind.File)),
        new("evt.buflen.file.out", FieldType.UInt64, FieldFormat.Decimal, "bytes of an output I/O exit on a file",
            static (ref EventContext c) => Buflen(ref c, IoDirection.Out, FdKind.File)),
        new("evt.buflen.net", FieldType.UInt64, FieldFormat.Decimal, "bytes of an I/O exit on an IP socket, either direction",
            static (ref EventContext c) => Buflen(ref c, IoDirection.Either, FdKind.Network)),
        new("evt.buflen.net.in", FieldType.UInt64, FieldFormat.Decimal, "bytes of an input I/O exit on an IP socket",
            static (ref EventContext c) => Buflen(ref c, IoDirection.In, FdKind.Network)),
        new("evt.buflen.net.out", FieldType.UInt64, FieldFormat.Decimal, "bytes of an output I/O exit on an IP socket",
            static (ref EventContext c) => Buflen(ref c, IoDirection.Out, FdKind.Network)),
        new("evt.count.error.file", FieldType.UInt32, FieldFormat.Decimal, "1 for failed events on files (or failed opens)",
            static (ref EventContext c) => ErrorOfKind(ref c, ErrorKind.File)),
        new("evt.count.error.net", FieldType.UInt32, FieldFormat.Decimal, "1 for failed events on sockets (or failed accepts and connects)",
            static (ref EventContext c) => ErrorOfKind(ref c, ErrorKind.Net)),
        new("evt.count.error.memory", FieldType.UInt32, FieldFormat.Decimal, "1 for failed memory events (brk, mmap, ...)",
            static (ref EventContext c) => ErrorOfKind(ref c, ErrorKind.Memory)),
        new("evt.count.error.other", FieldType.UInt32, FieldFormat.Decimal, "1 for failed events of no other error kind",
            static (ref EventContext c) => ErrorOfKind(ref c, ErrorKind.Other)),
        new("evt.count.procinfo", FieldType.UInt32, FieldFormat.Decimal, "1 for procinfo samples of main threads (counts processes)",
            static (ref EventContext c) => c.Type == EventTable.ProcInfo && c.Thread is { IsMainThread: true } ? FieldValue.Of(1L) : FieldValue.Null),
        new("evt.count.threadinfo", FieldType.UInt32, FieldFormat.Decimal, "1 for procinfo samples (counts threads)",
            static (ref EventContext c) => c.Type == EventTable.ProcInfo ? FieldValue.Of(1L) : FieldValue.Null),
    ];

    private enum IoDirection
    {
        In,
        Out,
        Either,
    }

    private enum FdKind
    {
        Any,
        File,
        Network,
    }

    private enum ErrorKind
    {
        File,
        Net,
        Memory,
        Other,
    }

    // sysdig compares the category exactly (an event that is also a wait does not count as a read).
    private static FieldValue Buflen(ref EventContext c, IoDirection direction, FdKind kind)
    {
        var category = c.Info.Category;
        var matches = direction switch
        {
            IoDirection.In => category == EventCategory.IoRead,
            IoDirection.Out => category == EventCategory.IoWrite,
            _ => ((ushort)category & (ushort)EventCategory.IoBase) != 0,
        };
        if (!matches || c.IsEnter || c.ParamCount == 0 || FdFields.Resolve(ref c, out _) is not { } fd)
        {
            return FieldValue.Null;
        }

        if ((kind == FdKind.File && !fd.IsFile) || (kind == FdKind.Network && !fd.IsIpSocket && !fd.IsServerSocket))
        {
            return FieldValue.Null;
        }

        // The byte count is the return value.
        var res = c.ParamInt64(0);
        return res >= 0 ? FieldValue.Of(res) : FieldValue.Null;
    }

    private static FieldValue ErrorOfKind(ref EventContext c, ErrorKind kind)
    {
        var fd = FdFields.Resolve(ref c, out _);
        var isMemory = c.Info.Category == EventCategory.Memory;
        bool applies;
        if (fd is not null)
        {
            var isFile = fd.IsFile || fd.IsDirectory;
            var isNet = fd.IsIpSocket || fd.IsServerSocket || fd.IsUnixSocket;
            applies = kind switch
            {
                ErrorKind.File => isFile,
                ErrorKind.Net => isNet,
                ErrorKind.Memory => isMemory,
                _ => !isFile && !isNet,
            };
        }
        else
        {
            var name = c.Info.Name;
            var isOpen = !c.IsEnter && name is "open" or "creat" or "openat" or "openat2";
            var isConnect = !c.IsEnter && name is "accept" or "accept4" or "connect";
            applies = kind switch
            {
                ErrorKind.File => isOpen,
                ErrorKind.Net => isConnect,
                ErrorKind.Memory => isMemory,
                _ => !isOpen && !isConnect && !isMemory,
            };
        }

        return applies && EventFields.ResultIndex(ref c) is var i and >= 0 && c.ParamInt64(i) < 0 ? FieldValue.Of(1L) : FieldValue.Null;
    }
}
