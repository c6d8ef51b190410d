using System.Net;
using System.Text;
using Inspect.Scap.Format;
using Inspect.Scap.Model;

namespace Inspect.Scap.Reading;

/// <summary>
/// Decodes the metadata blocks (section header, machine info, process, fd, interface and user lists) of every
/// version found in real files into model records. Plain allocating code: these blocks are few.
/// </summary>
internal static class MetadataDecoder
{
    public const uint ByteOrderMagic = 0x1A2B3C4D;
    public const int SectionHeaderBodyLength = 16;
    public const int MachineInfoBodyLength = 180;

    // Process-list entries whose tail after `root` is at most this long use the pre-0.10 layout (FORMAT.md §1.9).
    private const int OldProcessTailMaxLength = 29;

    public static SectionHeader SectionHeader(ReadOnlySpan<byte> body, long bodyOffset)
    {
        var r = new SpanReader(body, bodyOffset);
        var magic = r.U32("byte-order magic");
        if (magic != ByteOrderMagic)
        {
            ThrowHelper.Format(bodyOffset, $"invalid byte-order magic 0x{magic:X8} (expected 0x{ByteOrderMagic:X8}): not a little-endian scap section");
        }

        var major = r.U16("major version");
        var minor = r.U16("minor version");
        var sectionLength = r.I64("section length");
        if (major > 1)
        {
            ThrowHelper.Format(bodyOffset + 4, $"unsupported capture format version {major}.{minor}: this reader understands major version 1");
        }

        return new SectionHeader(major, minor, sectionLength, r.Remaining);
    }

    public static MachineInfo MachineInfo(ReadOnlySpan<byte> body, long bodyOffset)
    {
        var r = new SpanReader(body, bodyOffset);
        return new MachineInfo
        {
            NumCpus = r.U32("num_cpus"),
            MemorySizeBytes = r.U64("memory size"),
            MaxPid = r.U64("max pid"),
            Hostname = NulPadded(r.Take(128, "hostname")),
            BootTimeEpochNs = r.U64("boot time"),
            Flags = r.U64("flags"),
            Reserved3 = r.U64("reserved3"),
            Reserved4 = r.U64("reserved4"),
        };
    }

    public static List<ThreadEntry> ProcessList(ReadOnlySpan<byte> body, int version, long bodyOffset)
    {
        var threads = new List<ThreadEntry>();
        var r = new SpanReader(body, bodyOffset);
        while (r.Remaining >= 4)
        {
            var entryOffset = r.Offset;
            if (version >= 9)
            {
                var entryLength = r.U32("process entry length");
                if (entryLength < 4 || entryLength - 4 > r.Remaining)
                {
                    ThrowHelper.Format(entryOffset, $"process entry length {entryLength} is impossible: {r.Remaining + 4} bytes remain in the block");
                }

                var entry = new SpanReader(r.Take((int)entryLength - 4, "process entry"), entryOffset + 4);
                threads.Add(Thread(ref entry, version));
            }
            else
            {
                threads.Add(Thread(ref r, version));
            }
        }

        return threads;
    }

    public static FdTable FdList(ReadOnlySpan<byte> body, int version, long bodyOffset)
    {
        var r = new SpanReader(body, bodyOffset);
        var tid = r.I64("fd list tid");
        var entries = new List<FdEntry>();
        while (r.Remaining >= 4)
        {
            var entryOffset = r.Offset;
            if (version >= 2)
            {
                var entryLength = r.U32("fd entry length");
                if (entryLength < 4 || entryLength - 4 > r.Remaining)
                {
                    ThrowHelper.Format(entryOffset, $"fd entry length {entryLength} is impossible: {r.Remaining + 4} bytes remain in the block");
                }

                var entry = new SpanReader(r.Take((int)entryLength - 4, "fd entry"), entryOffset + 4);
                entries.Add(Fd(ref entry, entryOffset, skippable: true));
            }
            else
            {
                entries.Add(Fd(ref r, entryOffset, skippable: false));
            }
        }

        return new FdTable(tid, entries);
    }

    public static List<InterfaceEntry> InterfaceList(ReadOnlySpan<byte> body, int version, long bodyOffset)
    {
        var interfaces = new List<InterfaceEntry>();
        var r = new SpanReader(body, bodyOffset);
        while (r.Remaining >= 4)
        {
            var entryOffset = r.Offset;
            if (version >= 2)
            {
                var entryLength = r.U32("interface entry length");
                if (entryLength > r.Remaining)
                {
                    ThrowHelper.Format(entryOffset, $"interface entry length {entryLength} overruns the block ({r.Remaining} bytes remain)");
                }

                var entry = new SpanReader(r.Take((int)entryLength, "interface entry"), entryOffset + 4);
                interfaces.Add(Interface(ref entry, entryOffset));
            }
            else
            {
                interfaces.Add(Interface(ref r, entryOffset));
            }
        }

        return interfaces;
    }

    public static UserList UserList(ReadOnlySpan<byte> body, int version, long bodyOffset)
    {
        var users = new List<UserEntry>();
        var groups = new List<GroupEntry>();
        var r = new SpanReader(body, bodyOffset);
        while (r.Remaining >= 4)
        {
            var entryOffset = r.Offset;
            var entry = r;
            if (version >= 2)
            {
                var entryLength = r.U32("user entry length");
                if (entryLength < 5 || entryLength - 4 > r.Remaining)
                {
                    ThrowHelper.Format(entryOffset, $"user entry length {entryLength} is impossible: {r.Remaining + 4} bytes remain in the block");
                }

                entry = new SpanReader(r.Take((int)entryLength - 4, "user entry"), entryOffset + 4);
            }

            var kind = entry.U8("user entry kind");
            switch (kind)
            {
                case 0:
                    users.Add(new UserEntry(entry.U32("uid"), entry.U32("gid"), entry.Str16("user name"), entry.Str16("home directory"), entry.Str16("shell")));
                    break;
                case 1:
                    groups.Add(new GroupEntry(entry.U32("gid"), entry.Str16("group name")));
                    break;
                default:
                    ThrowHelper.Format(entryOffset, $"unknown user-list entry kind {kind} (expected 0 for a user or 1 for a group)");
                    break;
            }

            if (version < 2)
            {
                r = entry;
            }
        }

        return new UserList(users, groups);
    }

    private static ThreadEntry Thread(ref SpanReader r, int version)
    {
        var tid = r.I64("tid");
        var pid = r.I64("pid");
        var ptid = r.I64("ptid");
        var sid = version >= 6 ? r.I64("sid") : -1;
        var vpgid = version >= 8 ? r.I64("vpgid") : -1;
        var comm = r.Str16("comm");
        var exe = r.Str16("exe");
        var exePath = version >= 7 ? r.Str16("exepath") : "";
        var args = r.Bytes16("args").ToArray();
        var cwd = r.Str16("cwd");
        var fdLimit = r.I64("fdlimit");
        var flags = r.U32("flags");
        var uid = r.U32("uid");
        var gid = r.U32("gid");
        uint vmSize = 0, vmRss = 0, vmSwap = 0;
        ulong pfMajor = 0, pfMinor = 0;
        byte[] env = [], cgroups = [];
        long vtid = -1, vpid = -1;
        var root = "";
        if (version >= 2)
        {
            vmSize = r.U32("vmsize");
            vmRss = r.U32("vmrss");
            vmSwap = r.U32("vmswap");
            pfMajor = r.U64("pfmajor");
            pfMinor = r.U64("pfminor");
        }

        if (version >= 3)
        {
            env = r.Bytes16("env").ToArray();
        }

        if (version >= 4)
        {
            vtid = r.I64("vtid");
            vpid = r.I64("vpid");
            cgroups = r.Bytes16("cgroups").ToArray();
        }

        if (version >= 5)
        {
            root = r.Str16("root");
        }

        var entry = new ThreadEntry
        {
            Tid = tid,
            Pid = pid,
            Ptid = ptid,
            Sid = sid,
            Vpgid = vpgid,
            Comm = comm,
            Exe = exe,
            ExePath = exePath,
            Args = args,
            Cwd = cwd,
            FdLimit = fdLimit,
            Flags = flags,
            Uid = uid,
            Gid = gid,
            VmSizeKb = vmSize,
            VmRssKb = vmRss,
            VmSwapKb = vmSwap,
            PageFaultsMajor = pfMajor,
            PageFaultsMinor = pfMinor,
            Env = env,
            Vtid = vtid,
            Vpid = vpid,
            Cgroups = cgroups,
            Root = root,
        };
        return version >= 9 ? WithTail(entry, ref r) : entry;
    }

    // Optional trailing fields of version-9 entries, read only while the entry has room; the two known layouts are
    // told apart by the size of the tail.
    private static ThreadEntry WithTail(ThreadEntry entry, ref SpanReader r)
    {
        if (r.Remaining == 0)
        {
            return entry;
        }

        ulong pidNsStart = 0;
        uint tty = 0;
        var newLayout = r.Remaining > OldProcessTailMaxLength;
        if (newLayout)
        {
            pidNsStart = r.U64("pidns_init_start_ts");
            tty = r.U32("tty");
        }

        var loginUid = r.Remaining >= 4 ? r.I32("loginuid") : -1;
        var exeWritable = r.Remaining >= 1 && r.U8("exe_writable") != 0;
        ulong capInh = 0, capPrm = 0, capEff = 0;
        if (r.Remaining >= 24)
        {
            capInh = r.U64("cap_inheritable");
            capPrm = r.U64("cap_permitted");
            capEff = r.U64("cap_effective");
        }

        return entry with
        {
            HasNewLayoutTail = newLayout,
            PidNsInitStartTs = pidNsStart,
            Tty = tty,
            LoginUid = loginUid,
            ExeWritable = exeWritable,
            CapInheritable = capInh,
            CapPermitted = capPrm,
            CapEffective = capEff,
        };
    }

    // `skippable` marks version-2 entries, whose reader is bounded by the entry's own length: an entry of a type from
    // a newer writer is then kept without its payload instead of failing the file. Version-1 entries cannot be skipped
    // without knowing the type.
    private static FdEntry Fd(ref SpanReader r, long entryOffset, bool skippable)
    {
        var fd = r.I64("fd");
        var ino = r.U64("ino");
        var type = (FdType)r.U8("fd type");
        var entry = new FdEntry { Fd = fd, Ino = ino, Type = type };
        switch (type)
        {
            case FdType.IPv4Socket:
                return entry with
                {
                    SourceIp = new IPAddress(r.Take(4, "source ip")),
                    DestIp = new IPAddress(r.Take(4, "dest ip")),
                    SourcePort = r.U16("source port"),
                    DestPort = r.U16("dest port"),
                    L4Proto = (L4Protocol)r.U8("l4proto"),
                };
            case FdType.IPv6Socket:
                return entry with
                {
                    SourceIp = new IPAddress(r.Take(16, "source ip")),
                    DestIp = new IPAddress(r.Take(16, "dest ip")),
                    SourcePort = r.U16("source port"),
                    DestPort = r.U16("dest port"),
                    L4Proto = (L4Protocol)r.U8("l4proto"),
                };
            case FdType.IPv4ServerSocket:
                return entry with { SourceIp = new IPAddress(r.Take(4, "ip")), SourcePort = r.U16("port"), L4Proto = (L4Protocol)r.U8("l4proto") };
            case FdType.IPv6ServerSocket:
                return entry with { SourceIp = new IPAddress(r.Take(16, "ip")), SourcePort = r.U16("port"), L4Proto = (L4Protocol)r.U8("l4proto") };
            case FdType.UnixSocket:
                return entry with { UnixSource = r.U64("unix source"), UnixDest = r.U64("unix dest"), Name = r.Str16("unix path") };
            case FdType.FileV2:
                var flags = r.U32("open flags");
                var name = r.Str16("file name");
                // Only length-prefixed (version-2) entries can carry the device number.
                uint? dev = skippable && r.Remaining >= 4 ? r.U32("dev") : null;
                return entry with { OpenFlags = flags, Name = name, Dev = dev };
            case FdType.Unknown:
                return entry;
            case FdType.File or FdType.Directory or FdType.Fifo or FdType.Event or FdType.Unsupported or FdType.SignalFd
                or FdType.EventPoll or FdType.Inotify or FdType.TimerFd or FdType.Netlink:
                return entry with { Name = r.Str16("fd name") };
            case var _ when skippable:
                return entry;
            default:
                return ThrowHelper.Format<FdEntry>(entryOffset, $"unknown fd type {(byte)type} in a version-1 fd list, whose entries cannot be skipped");
        }
    }

    private static InterfaceEntry Interface(ref SpanReader r, long entryOffset)
    {
        var type = r.U16("interface type");
        var nameLength = r.U16("interface name length");
        var addressLength = type switch
        {
            1 or 3 => 4,
            2 or 4 => 16,
            _ => ThrowHelper.Format<int>(entryOffset, $"unknown interface entry type {type} (expected 1–4)"),
        };
        var address = new IPAddress(r.Take(addressLength, "interface address"));
        var netmask = new IPAddress(r.Take(addressLength, "interface netmask"));
        var broadcast = new IPAddress(r.Take(addressLength, "interface broadcast"));
        ulong? linkSpeed = type is 1 or 2 ? r.U64("link speed") : null;
        var name = Encoding.UTF8.GetString(r.Take(nameLength, "interface name"));
        return new InterfaceEntry(name, address, netmask, broadcast, linkSpeed);
    }

    private static string NulPadded(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
