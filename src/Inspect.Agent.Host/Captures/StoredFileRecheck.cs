using Google.Protobuf.WellKnownTypes;
using Inspect.Agent.Host.Storage;
using Inspect.Agent.Protocol.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// At start, the node-directory counterpart of <see cref="SpoolRecovery"/>: for every capture an earlier agent
/// process stored in a node directory (a <see cref="StoredCaptureFile"/> record in the spool), the file is read back
/// and checked again (<see cref="NodeFileVerifier"/>), and the capture becomes known under its id with what was found:
/// Succeeded with a fresh verification and the file's headline tiles, or Failed saying what is wrong with the file.
/// So an operator that lost the previous process's answer converges on what is really on the node. Records older
/// than <see cref="Retention"/> are removed without a check.
/// </summary>
public sealed class StoredFileRecheck(SpoolDirectory spool, CaptureManager captures, TimeProvider clock, ILogger<StoredFileRecheck> logger) : IHostedService
{
    /// <summary>How long a record is kept; an operator that has not asked by then has long given the node up.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(spool.Path, "*" + StoredCaptureFile.Suffix))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(path) > Retention)
            {
                File.Delete(path);
                continue;
            }

            if (StoredCaptureFile.Read(path, out var problem) is not var (request, stored))
            {
                logger.RecoveryUnreadable(problem!);
                continue;
            }

            captures.Adopt(request, capture => Task.Run(() => Recheck(capture, stored), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Recheck(ManagedCapture capture, CaptureStatus stored)
    {
        var path = capture.Request.Output?.NodeDirectory?.ArtifactPath ?? "";
        NodeFileCheck check;
        try
        {
            check = NodeFileVerifier.Check(path, stored.Checksum, captures.NodeName, clock.GetUtcNow());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            check = new NodeFileCheck(
                new ArtifactVerification { Verified = false, VerifiedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()), Detail = $"{path} on node {captures.NodeName} could not be read: {e.Message}" },
                null,
                null);
        }

        logger.Rechecked(capture.Id, path, check.Verified);
        capture.Update(s =>
        {
            s.Events = stored.Events;
            s.Bytes = stored.Bytes;
            s.Drops = stored.Drops;
            s.StopReason = stored.StopReason;
            s.PreTriggerEvents = stored.PreTriggerEvents;
            s.Redactions.Clear();
            s.Redactions.AddRange(stored.Redactions);
            s.ArtifactUri = stored.ArtifactUri;
            s.Checksum = stored.Checksum;
            s.StoredBytes = stored.StoredBytes;
            s.LostBytes = stored.LostBytes;
            s.FinishedAt = stored.FinishedAt;
            s.Verification = check.Verification;
            if (check.Verified)
            {
                s.Phase = CapturePhase.Succeeded;
                s.Summary = check.Tiles;
                s.Error = stored.Error;
            }
            else
            {
                s.Phase = CapturePhase.Failed;
                s.Error = $"the file stored for this capture no longer checks out: {check.Verification.Detail}";
            }
        });
    }
}
