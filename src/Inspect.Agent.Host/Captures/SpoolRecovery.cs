using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Host.Storage;
using Inspect.Agent.Protocol.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// At start, stores what a previous agent process recorded but did not store: every spool file with a
/// <see cref="PendingCaptureFile"/> beside it (the process was killed, the node rebooted, or storage was down when it
/// stopped). The capture becomes known under its id again, so the operator's next look finds it Uploading and then
/// Succeeded with its artifact, and the whole spool file is sent to where the request said (a new, complete object at
/// the same key), retried with backoff until the store takes it. A block the stop tore in half at the end of the file
/// is cut off and reported; nothing after the stop was recorded, and the status says so.
/// </summary>
public sealed class SpoolRecovery(
    SpoolDirectory spool,
    CaptureManager captures,
    ArtifactStores stores,
    S3StoreSettings uploads,
    TimeProvider clock,
    ILogger<SpoolRecovery> logger) : IHostedService
{
    /// <summary>Longest wait between two attempts to store a recovered file.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var pending in Directory.EnumerateFiles(spool.Path, "*" + PendingCaptureFile.Suffix))
        {
            var request = PendingCaptureFile.Read(pending, out var problem);
            if (request is null)
            {
                logger.RecoveryUnreadable(problem!);
                continue;
            }

            var spoolPath = spool.FileFor(request.CaptureId);
            if (!File.Exists(spoolPath))
            {
                // Stored just before the previous process ended, or nothing was ever recorded.
                File.Delete(pending);
                continue;
            }

            if (captures.Adopt(request, RecoverAsync) is not null)
            {
                logger.Recovering(request.CaptureId, spoolPath);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RecoverAsync(ManagedCapture capture)
    {
        var path = capture.SpoolPath;
        try
        {
            var store = stores.Find(capture.Request.Output, out var whyNot) ?? throw new InvalidOperationException(whyNot);
            var torn = TornTail.Trim(path);
            if (!string.IsNullOrWhiteSpace(capture.Request.Filter))
            {
                // The previous process may have died before its filter pass (applying it twice changes nothing).
                var filtered = path + ".filtered";
                CaptureFilterPass.Apply(path, filtered, capture.Request.Filter);
                File.Move(filtered, path, overwrite: true);
            }

            var (summaryJson, tiles) = CaptureSummarizer.Summarize(path);
            var recordedBytes = new FileInfo(path).Length;
            capture.Update(s =>
            {
                s.Phase = CapturePhase.Uploading;
                s.Events = tiles.Events;
                s.Bytes = recordedBytes;
                s.Summary = tiles;
                s.StopReason = "AgentRestarted";
            });
            var spooled = new SpooledCapture(path, captures.NodeName, capture.Request, summaryJson);
            var stored = await StoreWithRetriesAsync(capture, store, spooled).ConfigureAwait(false);

            var note = "recovered after the agent restarted: the file holds what was recorded until the previous agent process stopped"
                + (torn > 0 ? $"; {torn} bytes of a block the stop tore in half were cut off" : "")
                + (stored.LostBytes > 0 ? $"; {stored.LostBytes} capture bytes were lost while storage was unreachable" : "");
            void Finish(CaptureStatus s)
            {
                s.Phase = CapturePhase.Succeeded;
                s.ArtifactUri = stored.Uri;
                s.Checksum = stored.Checksum;
                s.StoredBytes = stored.StoredBytes;
                s.LostBytes = stored.LostBytes;
                s.Verification = stored.Verification;
                s.Error = note;
                s.FinishedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
            }

            if (stored.Verification is not null)
            {
                var final = capture.Snapshot().Status;
                Finish(final);
                StoredCaptureFile.Write(path, capture.Request, final);
            }

            File.Delete(path);
            PendingCaptureFile.Delete(path);
            DeleteLeftoverParts(path);
            capture.Update(Finish);
            logger.Recovered(capture.Id, stored.Uri, torn);
        }
        catch (Exception e)
        {
            var stopped = capture.StopToken.IsCancellationRequested;
            logger.RecoveryFailed(e, capture.Id);
            capture.Update(s =>
            {
                s.Phase = CapturePhase.Failed;
                s.Error = stopped
                    ? $"the agent stopped before the recovered recording was stored; it stays at {path} and is sent again at the next start"
                    : $"the recording a previous agent process left at {path} could not be stored: {e.Message}";
                s.FinishedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
            });
        }
    }

    // The store may still be down (that may be why the file was left): try again, backing off, until it takes the
    // file or the agent stops.
    private async Task<StoredArtifact> StoreWithRetriesAsync(ManagedCapture capture, IArtifactStore store, SpooledCapture spooled)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await store.StoreAsync(spooled, capture.StopToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!capture.StopToken.IsCancellationRequested)
            {
                logger.RecoveryRetrying(capture.Id, e.Message, delay);
                capture.Update(s => s.Error = $"storing the recovered recording: {e.Message}; retrying");
            }

            await Task.Delay(delay, clock, capture.StopToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    // Parts the previous process spooled for its streamed upload: the whole file was just sent instead.
    private void DeleteLeftoverParts(string spoolPath)
    {
        var parts = Path.Join(uploads.PartsDirectory, Path.GetFileNameWithoutExtension(spoolPath));
        if (Directory.Exists(parts))
        {
            Directory.Delete(parts, recursive: true);
        }
    }
}
