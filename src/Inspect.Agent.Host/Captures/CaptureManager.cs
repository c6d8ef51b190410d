using Inspect.Agent.Protocol.V1;
using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// Owns the agent's captures by id. Starting is idempotent: a second start with a known id re-attaches to the
/// capture (running or finished) instead of recording twice, which is what lets a restarted operator pick up where
/// it left off.
/// </summary>
public sealed class CaptureManager(CaptureRunner runner, SpoolDirectory spool, CaptureManagerSettings settings, TimeProvider clock, ILogger<CaptureManager> logger)
    : IDisposable
{
    private readonly Dictionary<string, ManagedCapture> _captures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _sessionsStarted;

    /// <summary>Captures started (not counting re-attaches), for metrics and tests.</summary>
    public int SessionsStarted => Volatile.Read(ref _sessionsStarted);

    /// <summary>The node this agent runs on.</summary>
    public string NodeName => settings.NodeName;

    /// <summary>Starts the capture, or returns the known one with <c>Reattached</c> true.</summary>
    /// <exception cref="CaptureRejectedException">The request is invalid for this agent, or the spool is full.</exception>
    public (ManagedCapture Capture, bool Reattached) Start(StartCaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (request.CaptureId.Length > 0 && _captures.TryGetValue(request.CaptureId, out var known))
            {
                // A repeated start may name more pods (the operator found new ones matching the selector): their
                // cgroups join the targets of the running capture.
                if (!known.IsFinished && known.AddHints(request.CgroupHints))
                {
                    logger.TargetsAdded(request.CaptureId, request.CgroupHints.Count);
                }

                return (known, true);
            }

            Validate(request);
            var used = spool.UsedBytes();
            if (used >= spool.QuotaBytes)
            {
                throw new CaptureRejectedException(RejectionKind.SpoolFull,
                    $"the spool {spool.Path} holds {used} bytes, at its quota of {spool.QuotaBytes}: captures waiting for storage must drain first");
            }

            var capture = new ManagedCapture(request, spool.FileFor(request.CaptureId), settings.NodeName, clock.GetUtcNow());
            _captures[request.CaptureId] = capture;
            _sessionsStarted++;
            logger.Starting(request.CaptureId, settings.NodeName);
            capture.Completion = Task.Run(() => runner.RunAsync(capture, settings.NodeName));
            return (capture, false);
        }
    }

    /// <summary>
    /// Takes over a capture a previous agent process recorded into the spool but did not store (see
    /// <see cref="SpoolRecovery"/>): known by its id from now on, so a start or watch for it re-attaches, while
    /// <paramref name="recover"/> stores the file. Returns null when the id is already known.
    /// </summary>
    public ManagedCapture? Adopt(StartCaptureRequest request, Func<ManagedCapture, Task> recover)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recover);
        lock (_lock)
        {
            if (_captures.ContainsKey(request.CaptureId))
            {
                return null;
            }

            var accepted = request.StartedAt?.ToDateTimeOffset() ?? clock.GetUtcNow();
            var capture = new ManagedCapture(request, spool.FileFor(request.CaptureId), settings.NodeName, accepted);
            _captures[request.CaptureId] = capture;
            capture.Completion = Task.Run(() => recover(capture));
            return capture;
        }
    }

    /// <summary>The capture with this id, or null.</summary>
    public ManagedCapture? Find(string captureId)
    {
        lock (_lock)
        {
            return _captures.GetValueOrDefault(captureId);
        }
    }

    /// <summary>Every capture, ordered by id.</summary>
    public IReadOnlyList<ManagedCapture> All()
    {
        lock (_lock)
        {
            return [.. _captures.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Captures not finished yet.</summary>
    public int Active() => All().Count(c => !c.IsFinished);

    /// <summary>Stops every capture and waits (up to <paramref name="grace"/>) for them to store what they recorded.</summary>
    public async Task StopAllAsync(TimeSpan grace)
    {
        var captures = All();
        foreach (var capture in captures)
        {
            capture.Stop();
        }

        await Task.WhenAll(captures.Select(c => c.Completion)).WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        foreach (var capture in All())
        {
            capture.Dispose();
        }
    }

    private void Validate(StartCaptureRequest request)
    {
        if (request.CaptureId.Split('/') is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
        {
            throw new CaptureRejectedException(RejectionKind.Invalid, $"capture_id '{request.CaptureId}' is not <namespace>/<name>/<uid>");
        }

        if (request.NodeName.Length > 0 && request.NodeName != settings.NodeName)
        {
            throw new CaptureRejectedException(RejectionKind.Invalid, $"the request is for node {request.NodeName}, this agent runs on {settings.NodeName}");
        }

        if (request.Snaplen > settings.MaxSnaplen)
        {
            throw new CaptureRejectedException(RejectionKind.Invalid, $"snaplen {request.Snaplen} exceeds this agent's maximum of {settings.MaxSnaplen}");
        }

        if (!request.WholeNode && request.Pods.Count == 0 && request.CgroupHints.Count == 0)
        {
            throw new CaptureRejectedException(RejectionKind.Invalid, "the request targets neither the whole node nor any pod");
        }
    }
}

/// <summary>What bounds the captures of one agent.</summary>
/// <param name="NodeName">This agent's node; requests for another node are refused.</param>
/// <param name="MaxSnaplen">Largest snaplen honoured.</param>
public sealed record CaptureManagerSettings(string NodeName, uint MaxSnaplen);
