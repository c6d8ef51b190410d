using System.Globalization;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>
/// The open fds of one process from /proc/PID/fd (link targets) and /proc/PID/fdinfo (open flags, inode), with sockets
/// resolved through the process's network namespace. Fds that cannot be described (netlink, unknown sockets) are left
/// out, as libscap leaves them out.
/// </summary>
public static class FdTableReader
{
    private const uint LinuxODirectory = 0x10000;

    public static List<FdEntry> Read(string processDirectory, SocketTable sockets)
    {
        ArgumentNullException.ThrowIfNull(processDirectory);
        ArgumentNullException.ThrowIfNull(sockets);
        var entries = new List<FdEntry>();
        foreach (var fd in ProcFiles.NumericEntries(Path.Combine(processDirectory, "fd")))
        {
            var target = ProcFiles.ReadLink(Path.Combine(processDirectory, "fd", fd.ToString(CultureInfo.InvariantCulture)));
            if (target is null)
            {
                continue;
            }

            var info = ProcFiles.ReadText(Path.Combine(processDirectory, "fdinfo", fd.ToString(CultureInfo.InvariantCulture)));
            if (Describe(target, info, sockets) is { } entry)
            {
                entries.Add(entry with { Fd = fd });
            }
        }

        return entries;
    }

    /// <summary>An fd entry for a link target such as <c>/etc/passwd</c>, <c>socket:[123]</c>, <c>pipe:[456]</c> or <c>anon_inode:[eventfd]</c>.</summary>
    public static FdEntry? Describe(string target, string? fdinfo, SocketTable sockets)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sockets);
        var (flags, ino) = ParseFdInfo(fdinfo);
        if (target.StartsWith("socket:[", StringComparison.Ordinal))
        {
            return sockets.Find(BracketedInode(target));
        }

        if (target.StartsWith("pipe:[", StringComparison.Ordinal))
        {
            return new FdEntry { Type = FdType.Fifo, Ino = BracketedInode(target), Name = target };
        }

        if (target.StartsWith("anon_inode:", StringComparison.Ordinal))
        {
            return new FdEntry { Type = AnonymousType(target), Ino = ino, Name = target };
        }

        if (!target.StartsWith('/'))
        {
            return null;
        }

        return (flags & LinuxODirectory) != 0 || Directory.Exists(target)
            ? new FdEntry { Type = FdType.Directory, Ino = ino, Name = target }
            : new FdEntry { Type = FdType.FileV2, Ino = ino, Name = target, OpenFlags = OpenFlags.ToPpm(flags) };
    }

    private static FdType AnonymousType(string target) => target switch
    {
        "anon_inode:[eventfd]" => FdType.Event,
        "anon_inode:[eventpoll]" => FdType.EventPoll,
        "anon_inode:inotify" => FdType.Inotify,
        "anon_inode:[signalfd]" => FdType.SignalFd,
        "anon_inode:[timerfd]" => FdType.TimerFd,
        _ => FdType.Unsupported,
    };

    private static ulong BracketedInode(string target)
    {
        var open = target.IndexOf('[', StringComparison.Ordinal);
        var close = target.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && ulong.TryParse(target.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture, out var ino) ? ino : 0;
    }

    private static (uint Flags, ulong Ino) ParseFdInfo(string? text)
    {
        uint flags = 0;
        ulong ino = 0;
        foreach (var line in (text ?? "").Split('\n'))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                flags = Convert.ToUInt32(line[6..].Trim(), 8);
            }
            else if (line.StartsWith("ino:", StringComparison.Ordinal))
            {
                ulong.TryParse(line.AsSpan(4).Trim(), CultureInfo.InvariantCulture, out ino);
            }
        }

        return (flags, ino);
    }
}
