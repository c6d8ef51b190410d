using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Analysis.Overview;

/// <summary>
/// The thread table as a sysdig chisel reads it with a filter: a thread counts when at least one of its fds passes
/// the filter, evaluated on a parameterless read-exit event of that thread and fd (sysdig's get_thread_table). With no
/// filter, every thread counts.
/// </summary>
internal sealed class ThreadTableView(StateEngine engine, FilterPredicate? filter)
{
    private const ushort ReadExit = 7;
    private const int HeaderSize = 26;

    private readonly byte[] _eventBuffer = new byte[HeaderSize];
    private readonly ArgRenderer _renderer = new();

    /// <summary>Processes running now: threads that are their process's main thread (tid = pid), by pid.</summary>
    public void AddRunningProcesses(HashSet<long> pids, ulong now)
    {
        foreach (var thread in engine.Threads.All)
        {
            if (thread.Tid == thread.Pid && (filter is null || AnyFdMatches(thread, now)))
            {
                pids.Add(thread.Pid);
            }
        }
    }

    /// <summary>Ports of sockets that listen or that accepted connections, as the chisel's start-up scan finds them.</summary>
    public void AddServerPorts(HashSet<long> ports, ulong now)
    {
        foreach (var thread in engine.Threads.All)
        {
            if (thread.FdTable is not { } fds)
            {
                continue;
            }

            foreach (var (number, fd) in fds)
            {
                if (filter is not null && !Matches(thread, number, fd, now))
                {
                    continue;
                }

                if (fd.IsServerSocket)
                {
                    ports.Add(fd.SourcePort);
                }
                else if (fd.IsIpSocket && fd.Role == FdRole.Server)
                {
                    ports.Add(fd.DestPort);
                }
            }
        }
    }

    private bool AnyFdMatches(ThreadInfo thread, ulong now)
    {
        if (thread.FdTable is not { } fds)
        {
            return false;
        }

        foreach (var (number, fd) in fds)
        {
            if (Matches(thread, number, fd, now))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(ThreadInfo thread, long number, FdInfo fd, ulong now)
    {
        var evt = ScapEvent.Synthetic(_eventBuffer, now, thread.Tid, ReadExit);
        var info = EventTable.TryGet(ReadExit)!;
        var ctx = new EventContext(evt, info, 0, engine, _renderer) { ParsedThread = thread, Fd = fd };
        var saved = thread.LastEventFd;
        thread.LastEventFd = number;
        try
        {
            return filter!(ref ctx);
        }
        finally
        {
            thread.LastEventFd = saved;
        }
    }
}
