using Inspect.Analysis.Events;
using Inspect.Analysis.Text;
using Inspect.Scap.Model;

namespace Inspect.Analysis.State;

public sealed partial class StateEngine
{
    private const uint OpenDirectoryFlag = 1u << 10;
    private const long AtFdCwd = -100;

    private static void ParseOpenExit(ref EventContext ctx)
    {
        var t = ctx.ParsedThread;
        if (t is null)
        {
            return;
        }

        var enter = RetrieveEnter(ref ctx);
        var type = ctx.Type;
        var fd = ctx.ParamInt64(0);
        ReadOnlySpan<byte> name;
        uint flags;
        uint dev = 0;
        string dir;
        if (type == EventCodes.OpenX)
        {
            name = ctx.ParamCount > 1 ? ctx.Param(1) : [];
            flags = ctx.ParamCount > 2 ? ctx.ParamUInt32(2) : 0;
            if (ctx.ParamCount > 4)
            {
                dev = ctx.ParamUInt32(4);
            }

            if (enter is { ParamCount: >= 2 })
            {
                var enterName = enter.Param(0);
                if (enterName.Length != 0 && CText.CString(enterName) != "(NULL)")
                {
                    name = enterName;
                    flags = ParamReader.UInt32(enter.Param(1));
                }
            }

            dir = t.Cwd;
        }
        else if (type == EventCodes.CreatX)
        {
            name = ctx.ParamCount > 1 ? ctx.Param(1) : [];
            flags = 0;
            if (ctx.ParamCount > 3)
            {
                dev = ctx.ParamUInt32(3);
            }

            if (enter is { ParamCount: >= 1 })
            {
                var enterName = enter.Param(0);
                if (enterName.Length != 0 && CText.CString(enterName) != "(NULL)")
                {
                    name = enterName;
                }
            }

            dir = t.Cwd;
        }
        else if (type == EventCodes.OpenAtX)
        {
            if (enter is null || enter.ParamCount < 3)
            {
                return;
            }

            name = enter.Param(1);
            flags = ParamReader.UInt32(enter.Param(2));
            dir = DirectoryOf(ref ctx, name, ParamReader.Int64(enter.Param(0)));
        }
        else
        {
            if (ctx.ParamCount < 4)
            {
                return;
            }

            name = ctx.Param(2);
            flags = ctx.ParamUInt32(3);
            var dirfd = ctx.ParamInt64(1);
            if (type == EventCodes.OpenAt2X && ctx.ParamCount > 5)
            {
                dev = ctx.ParamUInt32(5);
            }

            if (enter is { ParamCount: >= 3 })
            {
                var enterName = enter.Param(1);
                if (enterName.Length != 0 && CText.CString(enterName) != "(NULL)")
                {
                    name = enterName;
                    flags = ParamReader.UInt32(enter.Param(2));
                    dirfd = ParamReader.Int64(enter.Param(0));
                }
            }

            dir = DirectoryOf(ref ctx, name, dirfd);
        }

        PathText.Concatenate(dir, name, out var full);
        if (fd >= 0)
        {
            var info = new FdInfo
            {
                Type = (flags & OpenDirectoryFlag) != 0 ? FdType.Directory : FdType.FileV2,
                OpenFlags = flags,
                Dev = dev,
                Name = full,
            };
            ctx.Fd = t.AddFd(fd, info);
        }
    }

    /// <summary>The directory a *at() path is relative to (sysdig's parse_dirfd); may set the event's fd to the directory's.</summary>
    internal static string DirectoryOf(ref EventContext ctx, ReadOnlySpan<byte> name, long dirfd)
    {
        if (name.Length > 0 && name[0] == (byte)'/')
        {
            return ".";
        }

        var t = ctx.ParsedThread!;
        if (dirfd == AtFdCwd)
        {
            return t.Cwd;
        }

        var dirInfo = t.GetFd(dirfd);
        ctx.Fd = dirInfo;
        return dirInfo is null ? "<UNKNOWN>" : dirInfo.Name + "/";
    }

    private void ParseCloseExit(ref EventContext ctx)
    {
        var res = ctx.ParamCount > 0 ? ctx.ParamInt64(0) : -1;
        var t = ctx.ParsedThread;
        if (res >= 0)
        {
            if (ctx.Fd is null || t is null)
            {
                return;
            }

            _tidOfFdsToRemove = t.Tid;
            _fdsToRemove.Add(t.LastEventFd);
        }
        else if (ctx.Fd is { } fd)
        {
            fd.CloseInProgress = false;
        }
    }

    private static void ParsePipeExit(ref EventContext ctx)
    {
        if (ctx.ParamCount < 4 || ctx.ParamInt64(0) < 0 || ctx.ParsedThread is not { } t)
        {
            return;
        }

        var ino = ParamReader.UInt64(ctx.Param(3));
        t.AddFd(ctx.ParamInt64(1), new FdInfo { Type = FdType.Fifo, Ino = ino });
        ctx.Fd = t.AddFd(ctx.ParamInt64(2), new FdInfo { Type = FdType.Fifo, Ino = ino });
    }

    private static void ParseSocketPairExit(ref EventContext ctx)
    {
        if (ctx.ParamCount < 5 || ctx.ParamInt64(0) < 0 || ctx.ParsedThread is not { } t)
        {
            return;
        }

        var source = ParamReader.UInt64(ctx.Param(3));
        var peer = ParamReader.UInt64(ctx.Param(4));
        var info = new FdInfo { Type = FdType.UnixSocket, UnixSource = source, UnixDest = peer };
        ctx.Fd = t.AddFd(ctx.ParamInt64(1), info);
        t.AddFd(ctx.ParamInt64(2), info.Clone());
    }

    private static void ParseDupExit(ref EventContext ctx)
    {
        if (ctx.ParsedThread is not { } t || ctx.ParamCount < 1)
        {
            return;
        }

        var res = ctx.ParamInt64(0);
        if (res < 0 || ctx.Fd is null)
        {
            return;
        }

        ctx.Fd = t.AddFd(res, ctx.Fd.Clone());
    }

    private static void ParseFcntlExit(ref EventContext ctx)
    {
        if (RetrieveEnter(ref ctx) is null || ctx.ParsedThread is not { } t)
        {
            return;
        }

        var res = ctx.ParamInt64(0);
        if (res >= 0 && ctx.Fd is not null)
        {
            ctx.Fd = t.AddFd(res, ctx.Fd.Clone());
        }
    }

    private static void AddSimpleFd(ref EventContext ctx, FdType type)
    {
        if (ctx.ParsedThread is not { } t || ctx.ParamCount < 1)
        {
            return;
        }

        var fd = ctx.ParamInt64(0);
        if (fd >= 0)
        {
            ctx.Fd = t.AddFd(fd, new FdInfo { Type = type });
        }
    }

    private static void ParseContextSwitch(ref EventContext ctx)
    {
        if (ctx.ParsedThread is not { } t || ctx.ParamCount < 6)
        {
            return;
        }

        t.PageFaultsMajor = ParamReader.UInt64(ctx.Param(1));
        t.PageFaultsMinor = ParamReader.UInt64(ctx.Param(2));
        if (t.MainThread is { } main)
        {
            main.VmSizeKb = ctx.ParamUInt32(3);
            main.VmRssKb = ctx.ParamUInt32(4);
            main.VmSwapKb = ctx.ParamUInt32(5);
        }
    }

    private static void ParseSetIdExit(ref EventContext ctx)
    {
        if (ctx.ParamCount < 1 || ctx.ParamInt64(0) < 0 || RetrieveEnter(ref ctx) is not { } enter || ctx.Thread is not { } t)
        {
            return;
        }

        switch (ctx.Type)
        {
            case EventCodes.SetUidX when enter.ParamCount > 0:
                t.Uid = ParamReader.UInt32(enter.Param(0));
                break;
            case EventCodes.SetGidX when enter.ParamCount > 0:
                t.Gid = ParamReader.UInt32(enter.Param(0));
                break;
            case EventCodes.SetResUidX when enter.ParamCount > 1:
                var euid = ParamReader.UInt32(enter.Param(1));
                if (euid != uint.MaxValue)
                {
                    t.Uid = euid;
                }

                break;
            case EventCodes.SetResGidX when enter.ParamCount > 1:
                var egid = ParamReader.UInt32(enter.Param(1));
                if (egid != uint.MaxValue)
                {
                    t.Gid = egid;
                }

                break;
        }
    }
}
