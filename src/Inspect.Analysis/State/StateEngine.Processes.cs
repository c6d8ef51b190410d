using Inspect.Analysis.Events;
using Inspect.Analysis.Text;

namespace Inspect.Analysis.State;

public sealed partial class StateEngine
{
    private const ulong CloneStaleTimeNs = 2_000_000_000;

    private void ParseCloneExit(ref EventContext ctx)
    {
        var type = ctx.Type;
        var n = ctx.ParamCount;
        var modern = type is 223 or 225 or 227 or 335;
        var flagsIndex = type switch
        {
            15 => 8,
            157 or 183 or 185 => 13,
            217 or 219 or 221 => 14,
            _ => 15,
        };
        if (n <= Math.Max(flagsIndex, 7))
        {
            return;
        }

        var tid = ctx.Event.ThreadId;
        var childTid = ctx.ParamInt64(0);
        var flags = ctx.ParamUInt32(flagsIndex);
        if (childTid < 0)
        {
            return;
        }

        long vtid = tid, vpid = -1;
        if (modern && n > 19)
        {
            vtid = ctx.ParamInt64(18);
            vpid = ctx.ParamInt64(19);
        }

        var inContainer = (flags & ThreadInfo.ChildInPidNs) != 0 || tid != vtid;
        var inverted = false;
        if (childTid == 0)
        {
            var self = ctx.ParsedThread;
            if (self is not null && self.CloneTimestamp != 0 && ctx.Event.Timestamp - self.CloneTimestamp > CloneStaleTimeNs)
            {
                RemoveThread(tid, force: true);
                self = null;
                ctx.ParsedThread = null;
            }

            var parentTid = (flags & ThreadInfo.CloneThread) != 0 ? ctx.ParamInt64(4) : ctx.ParamInt64(5);
            if (self is null)
            {
                inverted = true;
                childTid = tid;
                tid = parentTid;
            }
            else
            {
                if (inContainer)
                {
                    self.Vtid = vtid;
                    self.Vpid = vpid;
                }

                return;
            }
        }
        else if (inContainer)
        {
            return;
        }

        var parent = Threads.GetOrCreatePlaceholder(tid);
        var validParent = !(parent.Comm == "<NA>" && parent.Uid == uint.MaxValue);
        if (Threads.Find(childTid) is { } existing)
        {
            if ((existing.Flags & ThreadInfo.CloneInverted) != 0)
            {
                return;
            }

            RemoveThread(childTid, force: true);
        }

        var child = Threads.New(childTid);
        child.Ptid = tid;
        var exe = CText.CString(ctx.Param(1));
        var comm = modern || type is 217 or 219 or 221 ? CText.CString(ctx.Param(13)) : exe;
        if (validParent)
        {
            CopyIdentity(parent, child, flags);
        }
        else
        {
            RemoveThread(tid, force: true);
            parent = Threads.GetOrCreatePlaceholder(tid);
            if (parent.Comm != "<NA>" && parent.Uid != uint.MaxValue)
            {
                CopyIdentity(parent, child, flags);
            }
            else
            {
                parent.Comm = comm;
                parent.Exe = exe;
                parent.Args = SplitList(ctx.Param(2));
            }
        }

        child.Pid = (flags & ThreadInfo.CloneThread) != 0 ? ctx.ParamInt64(4) : childTid;
        child.Flags = flags;
        if ((flags & ThreadInfo.CloneThread) == 0)
        {
            var source = parent.FdTable;
            if (source is not null)
            {
                foreach (var (fd, info) in source)
                {
                    child.OwnFds[fd] = info.Clone();
                }
            }

            child.OwnCwd = parent.Cwd;
        }

        if (inverted)
        {
            child.Flags |= ThreadInfo.CloneInverted;
        }

        child.Exe = exe;
        child.Comm = comm;
        child.Args = SplitList(ctx.Param(2));
        child.FdLimit = ctx.ParamInt64(7);
        if (type != 15 && n > 12)
        {
            child.PageFaultsMajor = ParamReader.UInt64(ctx.Param(8));
            child.PageFaultsMinor = ParamReader.UInt64(ctx.Param(9));
            child.VmSizeKb = ctx.ParamUInt32(10);
            child.VmRssKb = ctx.ParamUInt32(11);
            child.VmSwapKb = ctx.ParamUInt32(12);
        }

        var uidIndex = type switch
        {
            15 => 9,
            157 or 183 or 185 => 14,
            217 or 219 or 221 => 15,
            _ => 16,
        };
        if (n > uidIndex + 1)
        {
            child.Uid = ctx.ParamUInt32(uidIndex);
            child.Gid = ctx.ParamUInt32(uidIndex + 1);
        }

        if (inContainer)
        {
            child.Vtid = vtid;
            child.Vpid = vpid;
        }
        else
        {
            child.Vtid = child.Tid;
            child.Vpid = child.Pid;
        }

        if (modern && n > 14)
        {
            child.Cgroups = SplitCgroups(ctx.Param(14));
        }
        else
        {
            child.Cgroups = parent.Cgroups;
        }

        Containers.Resolve(child);
        child.CloneTimestamp = ctx.Event.Timestamp;
        Threads.Add(child, fromProcessList: false);
    }

    private static void CopyIdentity(ThreadInfo parent, ThreadInfo child, uint flags)
    {
        child.Comm = parent.Comm;
        child.Exe = parent.Exe;
        child.ExePath = parent.ExePath;
        child.ExeWritable = parent.ExeWritable;
        child.Args = parent.Args;
        child.Root = parent.Root;
        child.Sid = parent.Sid;
        child.Vpgid = parent.Vpgid;
        child.Tty = parent.Tty;
        child.LoginUid = parent.LoginUid;
        child.ContainerId = parent.ContainerId;
        if ((flags & ThreadInfo.CloneThread) == 0)
        {
            child.Env = parent.Env;
        }
    }

    private void ParseExecveExit(ref EventContext ctx)
    {
        var type = ctx.Type;
        var n = ctx.ParamCount;
        if (n < 8 || ctx.ParamInt64(0) < 0 || ctx.ParsedThread is not { } t)
        {
            return;
        }

        t.Exe = CText.CString(ctx.Param(1));
        t.Comm = type is 13 or 155 or 173 || n <= 13 ? t.Exe : CText.CString(ctx.Param(13));
        t.Args = SplitList(ctx.Param(2));
        t.Pid = ctx.ParamInt64(4);
        if (t.Ptid == -1)
        {
            t.Ptid = ctx.ParamInt64(5);
        }

        t.FdLimit = ctx.ParamInt64(7);
        if (type != 13 && n > 12)
        {
            t.PageFaultsMajor = ParamReader.UInt64(ctx.Param(8));
            t.PageFaultsMinor = ParamReader.UInt64(ctx.Param(9));
            t.VmSizeKb = ctx.ParamUInt32(10);
            t.VmRssKb = ctx.ParamUInt32(11);
            t.VmSwapKb = ctx.ParamUInt32(12);
        }

        if (type == 173 && n > 13)
        {
            t.Env = SplitList(ctx.Param(13));
        }
        else if (type == 215 && n > 14)
        {
            t.Env = SplitList(ctx.Param(14));
        }
        else if (type is 231 or 283 or 289 or 293 or 331 && n > 15)
        {
            t.Env = SplitList(ctx.Param(15));
            t.Cgroups = SplitCgroups(ctx.Param(14));
            Containers.Resolve(t);
        }

        if (type is 283 or 289 or 293 or 331 && n > 16)
        {
            t.Tty = (int)ctx.ParamUInt32(16);
        }

        if (type is 289 or 293 && RetrieveEnter(ref ctx) is { ParamCount: >= 1 } enter)
        {
            var filename = enter.Param(0);
            if (CText.CString(filename).StartsWith("<NA>", StringComparison.Ordinal))
            {
                t.ExePath = "<NA>";
            }
            else
            {
                PathText.Concatenate(t.OwnCwd, filename, out var full);
                t.ExePath = full;
            }
        }
        else if (type == 331 && RetrieveEnter(ref ctx) is { ParamCount: >= 3 } atEnter)
        {
            var pathname = atEnter.Param(1);
            if (CText.CString(pathname).StartsWith("<NA>", StringComparison.Ordinal))
            {
                t.ExePath = "<NA>";
            }
            else
            {
                var dir = DirectoryOf(ref ctx, pathname, ParamReader.Int64(atEnter.Param(0)));
                PathText.Concatenate(dir, pathname, out var full);
                t.ExePath = full;
            }
        }

        if (type is 293 or 331 && n > 17)
        {
            t.Vpgid = ctx.ParamInt64(17);
        }

        if (n > 18)
        {
            t.LoginUid = ctx.ParamUInt32(18);
        }

        if (n > 19)
        {
            t.ExeWritable = (ctx.ParamUInt32(19) & 1) != 0;
        }

        const uint keep = (1u << 21) | (1u << 22) | ThreadInfo.IsMainThreadFlag;
        var inverted = t.Flags & ThreadInfo.CloneInverted;
        t.Flags = ActiveFlag | (t.Flags & keep) | inverted | (1u << 17);
    }
}
