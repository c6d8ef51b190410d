using Inspect.Agent.Capture;
using Inspect.Agent.Containers;
using Inspect.Agent.FlightRecorder;
using Inspect.Agent.Host.Captures;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Protocol.V1;
using Inspect.Agent.Snapshot;

namespace Inspect.Agent.Host.FlightRecorder;

/// <summary>
/// The flight-recorder rings this agent keeps: each records its targets into a bounded in-memory ring
/// (<see cref="FlightRecorderSink"/>) on its own thread and probe until disarmed. A capture with a pre-trigger window
/// takes the history of the ring that covers its targets (<see cref="HistoryFor"/>).
/// </summary>
public sealed class ArmedRings(
    IProbeFactory probes, ISystemSnapshotSource snapshots, IPodMetadataSource pods, ITargetResolver targets, NodeRedaction redaction, TimeProvider clock)
    : IDisposable
{
    private readonly Dictionary<string, ArmedRing> _rings = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Arms <paramref name="request"/>'s ring, or returns the one armed under its id.</summary>
    /// <exception cref="ArgumentException">The request is malformed.</exception>
    /// <exception cref="TargetNotFoundException">Its targets do not exist on this node.</exception>
    public ArmStatus Arm(ArmRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RingId.Length == 0)
        {
            throw new ArgumentException("ring_id is empty");
        }

        var window = request.Window?.ToTimeSpan() ?? TimeSpan.Zero;
        if (window <= TimeSpan.Zero || window > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"window {window} is not between 0 and 10 minutes");
        }

        if (!request.WholeNode && request.CgroupHints.Count == 0)
        {
            throw new ArgumentException("the ring targets neither the whole node nor any cgroup");
        }

        lock (_lock)
        {
            if (_rings.TryGetValue(request.RingId, out var known))
            {
                if (known.IsRecording)
                {
                    return known.Status();
                }

                // Its probe failed (or the ring's thread ended otherwise): arming the id again starts it afresh.
                _rings.Remove(request.RingId);
                known.Dispose();
            }

            var startRequest = new StartCaptureRequest { WholeNode = request.WholeNode };
            startRequest.CgroupHints.AddRange(request.CgroupHints);
            var target = targets.Resolve(startRequest);
            var options = new FlightRecorderOptions(window, TimeSpan.Zero, request.MaxBytes > 0 ? request.MaxBytes : FlightRecorderOptions.DefaultMaxBytes);
            var ring = new ArmedRing(request, new FlightRecorderSink(options, snapshots, clock), target is CaptureTarget.CgroupTrees trees ? trees.Paths.Count : target is CaptureTarget.CgroupTree ? 1 : 0);
            ring.Start(probe => new CaptureSession(probe, snapshots, pods, clock), () => probes.Open(new ProbeOptions()), new CaptureOptions
            {
                Target = target,
                Snaplen = CaptureOptions.DefaultSnaplen,
                // The node's rules: a ring is armed before any Capture exists (a Capture's own rules reach its history
                // when the capture takes it; see HistoryFirstSink).
                Redaction = redaction.Rules,
            });
            _rings[request.RingId] = ring;
            return ring.Status();
        }
    }

    /// <summary>Every ring this agent keeps, by id.</summary>
    public IReadOnlyList<ArmStatus> List()
    {
        lock (_lock)
        {
            return [.. _rings.Values.Select(r => r.Status()).OrderBy(s => s.RingId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Stops the ring and frees its memory.</summary>
    public ArmStatus Disarm(string ringId)
    {
        ArmedRing? ring;
        lock (_lock)
        {
            if (_rings.Remove(ringId, out ring) == false)
            {
                return new ArmStatus { RingId = ringId, Armed = false };
            }
        }

        ring.Dispose();
        return new ArmStatus { RingId = ringId, Armed = false };
    }

    /// <summary>
    /// The history before now that a capture of <paramref name="request"/> can start with: the events from
    /// <paramref name="fromNs"/> on of the ring that records the whole node or shares a cgroup hint with the request
    /// (the one with the longest window when several do), or null when no ring covers it.
    /// Completes once the ring has written it (within about half a second).
    /// </summary>
    public Task<RingHistory>? HistoryFor(StartCaptureRequest request, ulong fromNs = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RingFor(request) is not { } ring)
        {
            return null;
        }

        var history = new RingHistory();
        return ring.Sink.Trigger(clock.GetUtcNow(), () => history, fromNs).ContinueWith(
            t =>
            {
                history.Recording = t.Result;
                return history;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Whether a ring covers <paramref name="request"/>'s targets (see <see cref="HistoryFor"/>).</summary>
    public bool Covers(StartCaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RingFor(request) is not null;
    }

    public void Dispose()
    {
        List<ArmedRing> rings;
        lock (_lock)
        {
            rings = [.. _rings.Values];
            _rings.Clear();
        }

        foreach (var ring in rings)
        {
            ring.Dispose();
        }
    }

    private ArmedRing? RingFor(StartCaptureRequest request)
    {
        lock (_lock)
        {
            // Several policies may watch the same pod: the ring that keeps the most history serves the capture.
            return _rings.Values
                .Where(r => r.Request.WholeNode || (!request.WholeNode && r.Request.CgroupHints.Intersect(request.CgroupHints, StringComparer.Ordinal).Any()))
                .MaxBy(r => r.Request.Window?.ToTimeSpan() ?? TimeSpan.Zero);
        }
    }

    private sealed class ArmedRing(ArmRequest request, FlightRecorderSink sink, int cgroups) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        public ArmRequest Request { get; } = request;

        public FlightRecorderSink Sink { get; } = sink;

        public void Start(Func<IProbe, CaptureSession> session, Func<IProbe> open, CaptureOptions options) =>
            _running = Task.Factory.StartNew(
                () =>
                {
                    using var probe = open();
                    using (Sink)
                    {
                        session(probe).Run(Sink, options, _stop.Token);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);

        public bool IsRecording => !_running.IsCompleted;

        public ArmStatus Status() => new()
        {
            RingId = Request.RingId,
            Armed = IsRecording,
            EventsHeld = Sink.EventsHeld,
            Window = Request.Window,
            Cgroups = cgroups,
            Error = _running.Exception?.GetBaseException().Message ?? "",
        };

        public void Dispose()
        {
            _stop.Cancel();
            // A ring whose probe failed has said so through Status().Error already; stopping it is not an error.
            try
            {
                _running.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }
            _stop.Dispose();
        }
    }
}
