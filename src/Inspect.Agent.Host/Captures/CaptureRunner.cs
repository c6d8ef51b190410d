using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Capture;
using Inspect.Agent.Containers;
using Inspect.Agent.Host.FlightRecorder;
using Inspect.Agent.Host.Storage;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Protocol.V1;
using Inspect.Agent.Snapshot;
using Inspect.Redaction;
using Inspect.Redaction.Events;
using Inspect.Scap.Model;
using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// Carries one capture through its life: resolve the targets, record with a <see cref="CaptureSession"/> into the
/// spool (on its own thread: the session's loop blocks on the probe; streamed to the store at the same time when it
/// can take a stream; after a flight-recorder ring's history when <c>pre_trigger</c> asks for it), apply the filter,
/// summarise the file, then finish storing it on a fresh token, and say where it went. Every failure ends in a Failed status with the reason;
/// a file that could not be stored stays in the spool.
/// </summary>
public sealed class CaptureRunner(
    IProbeFactory probes,
    ISystemSnapshotSource snapshots,
    IPodMetadataSource pods,
    ITargetResolver targets,
    ArtifactStores stores,
    ArmedRings rings,
    NodeRedaction redaction,
    TimeProvider clock,
    ILogger<CaptureRunner> logger)
{
    /// <summary>How often a recording capture reports progress.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long storing one file may take.</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Runs <paramref name="capture"/> to Succeeded or Failed.</summary>
    public async Task RunAsync(ManagedCapture capture, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var request = capture.Request;
        try
        {
            var store = stores.Find(request.Output, out var whyNot) ?? throw new InvalidOperationException(whyNot);
            if (probes.WhyUnsupported() is { } unsupported)
            {
                throw new InvalidOperationException(unsupported);
            }

            var target = targets.Resolve(request);
            var options = CaptureRequestMapping.ToOptions(request, target) with
            {
                ProgressInterval = ProgressInterval,
                Redaction = redaction.For(request.Redaction),
                NewCgroups = targets.Follow(target, capture.CgroupHints),
            };
            var spooled = new SpooledCapture(capture.SpoolPath, nodeName, request);
            // Written before the first event: if this process dies before the file is stored, the next one stores it.
            PendingCaptureFile.Write(capture.SpoolPath, request);
            // A filtered capture is stored once filtered, so it is not streamed while recording.
            var filter = string.IsNullOrWhiteSpace(request.Filter) ? null : request.Filter;
            using var streaming = filter is null ? (store as IStreamingArtifactStore)?.Begin(spooled) : null;
            var result = await Task.Factory.StartNew(
                () => Record(capture, options, streaming?.Sink),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            capture.Update(s =>
            {
                s.Phase = CapturePhase.Uploading;
                s.Events = result.Events;
                s.Bytes = result.Bytes;
                s.Drops = result.Drops;
                s.StopReason = result.Reason.ToString();
                s.Redactions.Clear();
                s.Redactions.AddRange(Redactions(result));
            });
            logger.Stopped(capture.Id, result.Reason, result.Events, result.Bytes, result.Drops, store.Name);

            if (filter is not null)
            {
                var filtered = capture.SpoolPath + ".filtered";
                var (_, dropped) = CaptureFilterPass.Apply(capture.SpoolPath, filtered, filter);
                File.Move(filtered, capture.SpoolPath, overwrite: true);
                capture.Update(s => s.Events = result.Events - dropped);
                logger.Filtered(capture.Id, dropped, filter);
            }

            var (summaryJson, tiles) = CaptureSummarizer.Summarize(capture.SpoolPath);
            capture.Update(s => s.Summary = tiles);
            spooled = spooled with { SummaryJson = summaryJson };
            using var timeout = new CancellationTokenSource(StoreTimeout);
            var stored = await StoreAsync(capture, store, streaming, spooled, timeout.Token).ConfigureAwait(false);
            void Finish(CaptureStatus s)
            {
                s.Phase = CapturePhase.Succeeded;
                s.ArtifactUri = stored.Uri;
                s.Checksum = stored.Checksum;
                s.StoredBytes = stored.StoredBytes;
                s.LostBytes = stored.LostBytes;
                s.Verification = stored.Verification;
                if (stored.LostBytes > 0)
                {
                    s.Error = $"{stored.LostBytes} capture bytes were dropped while storage was unreachable and the upload spool was full; the stored file has gaps";
                }

                s.FinishedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
            }

            if (stored.Verification is not null)
            {
                // A file on the node's disk: recorded before the recording is let go, so an agent restarted before
                // the operator saw this capture finish finds the file and checks it again.
                var final = capture.Snapshot().Status;
                Finish(final);
                StoredCaptureFile.Write(capture.SpoolPath, request, final);
            }

            File.Delete(capture.SpoolPath);
            PendingCaptureFile.Delete(capture.SpoolPath);
            capture.Update(Finish);
            logger.Stored(capture.Id, stored.Uri);
        }
        catch (Exception e)
        {
            logger.Failed(e, capture.Id);
            if (!File.Exists(capture.SpoolPath))
            {
                // Nothing was recorded, so nothing is left for a later agent process to store.
                PendingCaptureFile.Delete(capture.SpoolPath);
            }

            capture.Update(s =>
            {
                s.Phase = CapturePhase.Failed;
                s.Error = e is TargetNotFoundException or InvalidOperationException or RedactionRuleException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                s.FinishedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
            });
        }
    }

    // Rule names and counts only, for status; rules that masked nothing are left out.
    private static IEnumerable<RedactionCount> Redactions(CaptureResult result) =>
        (result.Redaction?.Rules ?? []).Where(r => r.Count > 0).Select(r => new RedactionCount { Rule = r.Rule, Count = r.Count });

    // The streamed upload first; when it could not complete, the whole spool file is sent again, and when that fails
    // too the file stays in the spool and the error says where.
    private async Task<StoredArtifact> StoreAsync(
        ManagedCapture capture, IArtifactStore store, IStreamingArtifact? streaming, SpooledCapture spooled, CancellationToken cancellationToken)
    {
        if (streaming is not null)
        {
            var (stored, whyNot) = await streaming.CompleteAsync(spooled.SummaryJson!, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }

            logger.StreamingIncomplete(capture.Id, whyNot ?? "unknown");
        }

        try
        {
            return await store.StoreAsync(spooled, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{e.Message}; the recording is kept on the node at {capture.SpoolPath} and sent again when the agent restarts", e);
        }
    }

    private CaptureResult Record(ManagedCapture capture, CaptureOptions options, ICaptureSink? alsoTo)
    {
        // The ring is asked for its history once the live probe is attached (see HistoryFirstSink), so the history
        // ends where live recording begins however long the probe takes to load.
        var history = PreTriggerHistory(capture);
        var historyRedactor = history is not null && NodeRedaction.AddedBy(capture.Request.Redaction) is { } added ? new EventRedactor(added) : null;
        using var probe = probes.Open(new ProbeOptions());
        using var file = ScapFileSink.Create(capture.SpoolPath);
        // The spool file is always written: the summary is computed from it, and it is what is kept when storing fails.
        // Further stages (redaction, filtering) wrap this sink. The tee is not disposed: the file closes with its
        // using, the streamed side when its upload completes.
        ICaptureSink sink = alsoTo is null ? file : new TeeCaptureSink(file, alsoTo);
        var withHistory = history is null ? null : new HistoryFirstSink(sink, history.Value.AskRing, history.Value.FromNs, historyRedactor);
        sink = withHistory ?? sink;
        var session = new CaptureSession(probe, snapshots, pods, clock)
        {
            Recording = () => capture.Update(s => s.Phase = CapturePhase.Capturing),
            Progress = p => capture.Update(s =>
            {
                s.Events = p.Events;
                s.Bytes = p.Bytes;
                s.Drops = p.Drops;
            }),
        };
        var result = session.Run(sink, options, capture.StopToken);
        if (withHistory is not null)
        {
            capture.Update(s => s.PreTriggerEvents = withHistory.HistoricalEvents);
            if (withHistory.Problem is { } problem)
            {
                logger.NoHistory(capture.Id, problem);
            }
        }

        // The file's counts are the live ones plus the history's (HistoryFirstSink adds them in the metadata): status says the same.
        return withHistory is null ? result : result with
        {
            Events = result.Events + withHistory.HistoricalEvents - withHistory.Overlapping,
            Redaction = RedactionTotals.Combine(result.Redaction, withHistory.HistoryRedactions),
        };
    }

    // The flight-recorder history a capture with a pre-trigger window starts with: from the operator's start time
    // minus that window. Null when none is asked for or no armed ring covers the capture's targets.
    private (Func<Task<RingHistory>> AskRing, ulong FromNs)? PreTriggerHistory(ManagedCapture capture)
    {
        var preTrigger = capture.Request.Limits?.PreTrigger?.ToTimeSpan() ?? TimeSpan.Zero;
        if (preTrigger <= TimeSpan.Zero)
        {
            return null;
        }

        if (!rings.Covers(capture.Request))
        {
            logger.NoHistory(capture.Id, "no armed flight-recorder ring covers its targets");
            return null;
        }

        var start = capture.Request.StartedAt?.ToDateTimeOffset() ?? clock.GetUtcNow();
        var fromNs = (ulong)(start - preTrigger - DateTimeOffset.UnixEpoch).Ticks * 100;
        Task<RingHistory> AskRing() => rings.HistoryFor(capture.Request, fromNs)
            ?? Task.FromException<RingHistory>(new InvalidOperationException("the flight-recorder ring was disarmed before the capture began"));
        return (AskRing, fromNs);
    }
}
