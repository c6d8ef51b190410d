namespace Inspect.Analysis.State;

/// <summary>All known threads by tid, with sysdig's placeholder creation for tids first seen in an event.</summary>
public sealed class ThreadTable
{
    private readonly Dictionary<long, ThreadInfo> _threads = [];
    private long _lastTid = long.MinValue;
    private ThreadInfo? _last;

    public int Count => _threads.Count;

    public IEnumerable<ThreadInfo> All => _threads.Values;

    /// <summary>The thread with <paramref name="tid"/>, or null.</summary>
    public ThreadInfo? Find(long tid)
    {
        if (tid == _lastTid && _last is not null)
        {
            return _last;
        }

        if (_threads.TryGetValue(tid, out var t))
        {
            _lastTid = tid;
            _last = t;
            return t;
        }

        return null;
    }

    /// <summary>The thread with <paramref name="tid"/>; an unknown tid gets a placeholder entry (comm "&lt;NA&gt;"), as sysdig adds when it cannot query /proc.</summary>
    public ThreadInfo GetOrCreatePlaceholder(long tid)
    {
        var t = Find(tid);
        if (t is not null)
        {
            return t;
        }

        t = New(tid);
        t.Pid = tid;
        t.Ptid = -1;
        t.Sid = -1;
        t.Vpgid = -1;
        t.FdLimit = -1;
        t.Comm = "<NA>";
        t.Exe = "<NA>";
        t.IsPlaceholder = true;
        foreach (var other in _threads.Values)
        {
            if (other.Pid == tid && other.Tid != tid)
            {
                t.ChildThreads++;
            }
        }

        Add(t, fromProcessList: true);
        return t;
    }

    internal ThreadInfo New(long tid) => new(this, tid);

    internal void Add(ThreadInfo thread, bool fromProcessList)
    {
        if (!fromProcessList && (thread.Flags & ThreadInfo.CloneThread) != 0)
        {
            var main = GetOrCreatePlaceholder(thread.Pid);
            main.ChildThreads++;
        }

        _threads[thread.Tid] = thread;
        if (_lastTid == thread.Tid)
        {
            _last = thread;
        }
    }

    /// <summary>Counts the non-main threads of every process (after a process list has been loaded).</summary>
    internal void LinkChildren()
    {
        foreach (var t in _threads.Values)
        {
            if ((t.Flags & ThreadInfo.CloneThread) != 0 && _threads.TryGetValue(t.Pid, out var main) && main != t)
            {
                main.ChildThreads++;
            }
        }
    }

    /// <summary>Removes a thread; unless <paramref name="force"/>, a main thread whose other threads are still alive stays.</summary>
    internal void Remove(long tid, bool force)
    {
        if (!_threads.TryGetValue(tid, out var t))
        {
            return;
        }

        if (t.ChildThreads != 0 && !force)
        {
            return;
        }

        if ((t.Flags & ThreadInfo.CloneThread) != 0 && _threads.TryGetValue(t.Pid, out var main) && main.ChildThreads > 0)
        {
            main.ChildThreads--;
        }

        _threads.Remove(tid);
        if (_lastTid == tid)
        {
            _last = null;
            _lastTid = long.MinValue;
        }
    }

    internal void Clear()
    {
        _threads.Clear();
        _last = null;
        _lastTid = long.MinValue;
    }
}
