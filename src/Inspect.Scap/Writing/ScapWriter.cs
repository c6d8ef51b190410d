using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inspect.Scap.Events;
using Inspect.Scap.Format;
using Inspect.Scap.Model;
using Inspect.Scap.Reading;

namespace Inspect.Scap.Writing;

/// <summary>
/// Writes a capture that Debian's sysdig 0.29.3 and newer Falco libs both read: a 28-byte section header, machine
/// info, interface and user lists, a version-9 process list with the pre-0.10 tail, one fd list per thread, then
/// events in version-2 blocks (FORMAT.md §7). The caller supplies metadata before the first event of each section.
/// </summary>
public sealed class ScapWriter : IDisposable
{
    private const ushort MajorVersion = 1;
    private const ushort MinorVersion = 2;
    private const uint StateOnlyAndTracerFlags = 0x3;

    private readonly Stream _output;
    private readonly LittleEndianBuffer _block = new(1 << 16);
    private bool _eventsStarted;

    /// <summary>Writes to <paramref name="output"/>, gzip-compressed when <paramref name="compress"/> is set.</summary>
    public ScapWriter(Stream output, bool compress = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = compress ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen) : output;
        LeaveOpen = leaveOpen && !compress;
    }

    /// <summary>Bytes written before compression.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Events written.</summary>
    public long EventsWritten { get; private set; }

    private bool LeaveOpen { get; }

    /// <summary>Creates (or truncates) a capture file.</summary>
    public static ScapWriter Create(string path, bool compress = false) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 18), compress);

    /// <summary>Starts a section: a plain 28-byte section header without options, the only form sysdig 0.29.3 accepts.</summary>
    public void WriteSectionHeader()
    {
        Begin(BlockTypes.SectionHeader);
        _block.U32(MetadataDecoder.ByteOrderMagic);
        _block.U16(MajorVersion);
        _block.U16(MinorVersion);
        _block.I64(-1);
        End();
        _eventsStarted = false;
    }

    public void WriteMachineInfo(MachineInfo machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        BeginMetadata(BlockTypes.MachineInfo);
        _block.U32(machine.NumCpus);
        _block.U64(machine.MemorySizeBytes);
        _block.U64(machine.MaxPid);
        var hostname = _block.Reserve(128);
        hostname.Clear();
        var name = Encoding.UTF8.GetBytes(machine.Hostname);
        name.AsSpan(0, Math.Min(name.Length, 127)).CopyTo(hostname);
        _block.U64(machine.BootTimeEpochNs);
        _block.U64(machine.Flags);
        _block.U64(machine.Reserved3);
        _block.U64(machine.Reserved4);
        End();
    }

    public void WriteInterfaceList(IReadOnlyList<InterfaceEntry> interfaces)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        BeginMetadata(BlockTypes.InterfaceListV2);
        foreach (var entry in interfaces)
        {
            var lengthAt = _block.Length;
            _block.U32(0);
            var v6 = entry.Address.AddressFamily == AddressFamily.InterNetworkV6;
            _block.U16((ushort)((v6 ? 2 : 1) + (entry.LinkSpeed is null ? 2 : 0)));
            var name = Encoding.UTF8.GetBytes(entry.Name);
            var nameLength = Math.Min(name.Length, ReaderLimits.InterfaceName);
            _block.U16((ushort)nameLength);
            _block.Bytes(entry.Address.GetAddressBytes());
            _block.Bytes(entry.Netmask.GetAddressBytes());
            _block.Bytes(entry.Broadcast.GetAddressBytes());
            if (entry.LinkSpeed is { } speed)
            {
                _block.U64(speed);
            }

            _block.Bytes(name.AsSpan(0, nameLength));

            // The interface entry length excludes its own four bytes (unlike the other lists).
            _block.PatchU32(lengthAt, (uint)(_block.Length - lengthAt - 4));
        }

        End();
    }

    public void WriteUserList(UserList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        BeginMetadata(BlockTypes.UserListV2);
        foreach (var user in list.Users)
        {
            var lengthAt = _block.Length;
            _block.U32(0);
            _block.U8(0);
            _block.U32(user.Uid);
            _block.U32(user.Gid);
            _block.Str16(user.Name, ReaderLimits.UserField);
            _block.Str16(user.Home, ReaderLimits.UserField);
            _block.Str16(user.Shell, ReaderLimits.UserField);
            _block.PatchU32(lengthAt, (uint)(_block.Length - lengthAt));
        }

        foreach (var group in list.Groups)
        {
            var lengthAt = _block.Length;
            _block.U32(0);
            _block.U8(1);
            _block.U32(group.Gid);
            _block.Str16(group.Name, ReaderLimits.UserField);
            _block.PatchU32(lengthAt, (uint)(_block.Length - lengthAt));
        }

        End();
    }

    /// <summary>
    /// Writes threads as a version-9 process list with the 29-byte pre-0.10 tail (loginuid, exe_writable, three
    /// capability sets): sysdig 0.29.3 reads its first two fields and skips the rest, and newer readers recognise the
    /// layout by its size. The newer tail's pid-namespace start time and tty are not written, because sysdig 0.29.3
    /// would mistake them for loginuid.
    /// </summary>
    public void WriteProcessList(IReadOnlyList<ThreadEntry> threads)
    {
        ArgumentNullException.ThrowIfNull(threads);
        BeginMetadata(BlockTypes.ProcessListV9);
        foreach (var t in threads)
        {
            var lengthAt = _block.Length;
            _block.U32(0);
            _block.I64(t.Tid);
            _block.I64(t.Pid);
            _block.I64(t.Ptid);
            _block.I64(t.Sid);
            _block.I64(t.Vpgid);
            _block.Str16(t.Comm, ReaderLimits.Path);
            _block.Str16(t.Exe, ReaderLimits.Path);
            _block.Str16(t.ExePath, ReaderLimits.Path);
            List16(t.Args);
            _block.Str16(t.Cwd, ReaderLimits.Path);
            _block.I64(t.FdLimit);
            _block.U32(t.Flags);
            _block.U32(t.Uid);
            _block.U32(t.Gid);
            _block.U32(t.VmSizeKb);
            _block.U32(t.VmRssKb);
            _block.U32(t.VmSwapKb);
            _block.U64(t.PageFaultsMajor);
            _block.U64(t.PageFaultsMinor);
            List16(t.Env);
            _block.I64(t.Vtid);
            _block.I64(t.Vpid);
            List16(t.Cgroups);
            _block.Str16(t.Root, ReaderLimits.Path);
            _block.I32(t.LoginUid);
            _block.U8(t.ExeWritable ? (byte)1 : (byte)0);
            _block.U64(t.CapInheritable);
            _block.U64(t.CapPermitted);
            _block.U64(t.CapEffective);
            _block.PatchU32(lengthAt, (uint)(_block.Length - lengthAt));
        }

        End();
    }

    /// <summary>Writes the fd table of one thread (version 2). It must follow the process list that defines the thread.</summary>
    public void WriteFdList(FdTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        BeginMetadata(BlockTypes.FdListV2);
        _block.I64(table.Tid);
        foreach (var fd in table.Entries)
        {
            var lengthAt = _block.Length;
            _block.U32(0);
            _block.I64(fd.Fd);
            _block.U64(fd.Ino);
            _block.U8((byte)fd.Type);
            WriteFdPayload(fd);
            _block.PatchU32(lengthAt, (uint)(_block.Length - lengthAt));
        }

        End();
    }

    /// <summary>
    /// Writes the redaction counts as a metadata block (FORMAT.md §8); returns the file offset of the block, where a
    /// recorder can later overwrite it with the totals (<see cref="RedactionBlockEncoder"/>: same rules, same size).
    /// </summary>
    public long WriteRedactionSummary(RedactionSummary summary)
    {
        if (_eventsStarted)
        {
            throw new InvalidOperationException("metadata blocks must precede the events of their section; start a new section first");
        }

        var offset = BytesWritten;
        var block = RedactionBlockEncoder.Encode(summary);
        _output.Write(block);
        BytesWritten += block.Length;
        return offset;
    }

    /// <summary>Writes an event read from another capture, in the version-2 layout whatever block it came from.</summary>
    public void WriteEvent(in ScapEvent evt)
    {
        var flags = evt.DumpFlags & StateOnlyAndTracerFlags;
        var large = evt.WideLengths || evt.EncodedLength + 6 > ScapBlockReader.MaxNonLargeEventBlockBody;
        Begin(BlockType(flags != 0, large));
        _block.U16(evt.Cpu);
        if (flags != 0)
        {
            _block.U32(flags);
        }

        _block.U64(evt.Timestamp);
        _block.I64(evt.ThreadId);
        _block.U32((uint)evt.EncodedLength);
        _block.U16(evt.Type);
        _block.U32((uint)evt.ParamCount);
        _block.Bytes(evt.RawLengths);
        _block.Bytes(evt.RawValues);
        End();
        EventsWritten++;
        _eventsStarted = true;
    }

    /// <summary>
    /// Writes one event already encoded in the version-2 layout (26-byte header, lengths, values), such as the probe
    /// delivers. <paramref name="dumpFlags"/> 1 marks a state-only event.
    /// </summary>
    public void WriteEvent(ReadOnlySpan<byte> encodedEvent, ushort cpu, uint dumpFlags = 0)
    {
        if (encodedEvent.Length < EventDecoder.HeaderV2)
        {
            throw new ArgumentException($"an encoded event needs at least {EventDecoder.HeaderV2} bytes, got {encodedEvent.Length}", nameof(encodedEvent));
        }

        var flags = dumpFlags & StateOnlyAndTracerFlags;
        var type = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(encodedEvent[20..]);
        var large = EventTable.HasLargePayload(type) || encodedEvent.Length + 6 > ScapBlockReader.MaxNonLargeEventBlockBody;
        Begin(BlockType(flags != 0, large));
        _block.U16(cpu);
        if (flags != 0)
        {
            _block.U32(flags);
        }

        _block.Bytes(encodedEvent);
        End();
        EventsWritten++;
        _eventsStarted = true;
    }

    /// <summary>Writes the record <paramref name="reader"/> is on (whatever its kind), so copying a capture is one loop.</summary>
    public void WriteRecord(ScapReader reader, ScapRecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(reader);
        switch (kind)
        {
            case ScapRecordKind.SectionHeader:
                WriteSectionHeader();
                break;
            case ScapRecordKind.MachineInfo:
                WriteMachineInfo(reader.Machine!);
                break;
            case ScapRecordKind.InterfaceList:
                WriteInterfaceList(reader.Interfaces);
                break;
            case ScapRecordKind.UserList:
                WriteUserList(reader.Users!);
                break;
            case ScapRecordKind.ProcessList:
                WriteProcessList(reader.Threads);
                break;
            case ScapRecordKind.FdList:
                WriteFdList(reader.Fds!);
                break;
            case ScapRecordKind.Event:
                WriteEvent(reader.Event);
                break;
            case ScapRecordKind.RedactionSummary:
                WriteRedactionSummary(reader.Redaction!);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no record to write");
        }
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        if (LeaveOpen)
        {
            _output.Flush();
        }
        else
        {
            _output.Dispose();
        }

        _block.Dispose();
    }

    private static uint BlockType(bool withFlags, bool large) => (withFlags, large) switch
    {
        (false, false) => BlockTypes.EventV2,
        (false, true) => BlockTypes.EventV2Large,
        (true, false) => BlockTypes.EventWithFlagsV2,
        (true, true) => BlockTypes.EventWithFlagsV2Large,
    };

    private void WriteFdPayload(FdEntry fd)
    {
        switch (fd.Type)
        {
            case FdType.IPv4Socket or FdType.IPv6Socket:
                var width = fd.Type == FdType.IPv4Socket ? 4 : 16;
                Address(fd.SourceIp, width);
                Address(fd.DestIp, width);
                _block.U16(fd.SourcePort);
                _block.U16(fd.DestPort);
                _block.U8((byte)fd.L4Proto);
                break;
            case FdType.IPv4ServerSocket or FdType.IPv6ServerSocket:
                Address(fd.SourceIp, fd.Type == FdType.IPv4ServerSocket ? 4 : 16);
                _block.U16(fd.SourcePort);
                _block.U8((byte)fd.L4Proto);
                break;
            case FdType.UnixSocket:
                _block.U64(fd.UnixSource);
                _block.U64(fd.UnixDest);
                _block.Str16(fd.Name, ReaderLimits.FdName);
                break;
            case FdType.Unknown:
                break;
            case FdType.FileV2:
                _block.U32(fd.OpenFlags);
                _block.Str16(fd.Name, ReaderLimits.FdName);
                if (fd.Dev is { } dev)
                {
                    _block.U32(dev);
                }

                break;
            default:
                _block.Str16(fd.Name, ReaderLimits.FdName);
                break;
        }
    }

    private void Address(IPAddress? address, int width)
    {
        var bytes = _block.Reserve(width);
        bytes.Clear();
        if (address is not null && !address.TryWriteBytes(bytes, out _))
        {
            throw new ArgumentException($"address {address} does not fit a {width}-byte field");
        }
    }

    // A NUL-terminated list cut to the reader's limit, keeping its final NUL.
    private void List16(byte[] list)
    {
        if (list.Length <= ReaderLimits.List)
        {
            _block.Bytes16(list);
            return;
        }

        _block.U16(ReaderLimits.List);
        var cut = _block.Reserve(ReaderLimits.List);
        list.AsSpan(0, ReaderLimits.List - 1).CopyTo(cut);
        cut[^1] = 0;
    }

    private void BeginMetadata(uint type)
    {
        if (_eventsStarted)
        {
            throw new InvalidOperationException("metadata blocks must precede the events of their section; start a new section first");
        }

        Begin(type);
    }

    private void Begin(uint type)
    {
        _block.Clear();
        _block.U32(type);
        _block.U32(0);
    }

    private void End()
    {
        _block.PadTo4();
        var total = (uint)(_block.Length + 4);
        _block.U32(total);
        _block.PatchU32(4, total);
        _output.Write(_block.Written);
        BytesWritten += total;
    }
}
