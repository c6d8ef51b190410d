using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// One capture the agent owns, by id: its request, its live status, and the token that stops it. Status changes
/// bump a version and wake watchers, so WatchCapture streams every change without polling.
/// </summary>
public sealed class ManagedCapture : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CaptureStatus _status;
    private readonly List<string> _addedHints = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _version;

    internal ManagedCapture(StartCaptureRequest request, string spoolPath, string nodeName, DateTimeOffset acceptedAt)
    {
        Request = request;
        SpoolPath = spoolPath;
        _status = new CaptureStatus
        {
            CaptureId = request.CaptureId,
            NodeName = nodeName,
            Phase = CapturePhase.Pending,
            StartedAt = Timestamp.FromDateTimeOffset(acceptedAt),
        };
    }

    /// <summary>The capture id (<c>namespace/name/uid</c>).</summary>
    public string Id => Request.CaptureId;

    /// <summary>What was asked.</summary>
    public StartCaptureRequest Request { get; }

    /// <summary>The uncompressed file while recording and until stored.</summary>
    public string SpoolPath { get; }

    /// <summary>Fires when the capture is asked to stop.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Completes when the capture is Succeeded or Failed.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>True once Succeeded or Failed.</summary>
    public bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return IsTerminal(_status.Phase);
            }
        }
    }

    /// <summary>A copy of the status now, and its version.</summary>
    public (CaptureStatus Status, int Version) Snapshot()
    {
        lock (_lock)
        {
            return (_status.Clone(), _version);
        }
    }

    /// <summary>Waits until the status is newer than <paramref name="version"/> (at once when it already is).</summary>
    public Task WaitForChangeAsync(int version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _version != version ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Asks the session to stop; what it recorded is still stored.</summary>
    /// <summary>The cgroup hints of the targets: the request's, and those later starts for this id added.</summary>
    public IReadOnlyList<string> CgroupHints()
    {
        lock (_lock)
        {
            return [.. Request.CgroupHints, .. _addedHints];
        }
    }

    /// <summary>Adds the hints of pods that joined the targets while recording; true when any was new.</summary>
    internal bool AddHints(IEnumerable<string> hints)
    {
        lock (_lock)
        {
            var added = false;
            foreach (var hint in hints)
            {
                if (hint.Length > 0 && !Request.CgroupHints.Contains(hint) && !_addedHints.Contains(hint))
                {
                    _addedHints.Add(hint);
                    added = true;
                }
            }

            return added;
        }
    }

    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>True for Succeeded and Failed.</summary>
    public static bool IsTerminal(CapturePhase phase) => phase is CapturePhase.Succeeded or CapturePhase.Failed;

    internal void Update(Action<CaptureStatus> change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            // A finished capture's status is final: late progress from a draining session must not reopen it.
            if (IsTerminal(_status.Phase))
            {
                return;
            }

            change(_status);
            _version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Dispose() => _stop.Dispose();
}
