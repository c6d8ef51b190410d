using System.Security.Cryptography;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Inspect.Operator.Kubernetes;

/// <summary>
/// Kubernetes Events (events.k8s.io/v1) about a Capture, so <c>kubectl describe capture</c> tells its story: scheduled,
/// started on each node, limit reached, uploaded, failed. An event that cannot be written is logged and dropped:
/// events are a record, never a reason to fail a reconcile.
/// </summary>
public sealed class CaptureEventRecorder(IKubernetes client, LeaderElectionSettings identity, TimeProvider clock, ILogger<CaptureEventRecorder> logger)
{
    /// <summary>The reporting controller named in every event.</summary>
    public const string Controller = "inspect.dev/operator";

    private const int MaxNoteLength = 1024;

    /// <summary>A Normal event.</summary>
    public Task NormalAsync(V1Alpha1Capture capture, string reason, string action, string note, CancellationToken cancellationToken) =>
        RecordAsync(capture, "Normal", reason, action, note, cancellationToken);

    /// <summary>A Warning event.</summary>
    public Task WarningAsync(V1Alpha1Capture capture, string reason, string action, string note, CancellationToken cancellationToken) =>
        RecordAsync(capture, "Warning", reason, action, note, cancellationToken);

    private async Task RecordAsync(V1Alpha1Capture capture, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        var meta = capture.Metadata;
        var now = clock.GetUtcNow().UtcDateTime;
        var @event = new Eventsv1Event
        {
            Metadata = new V1ObjectMeta
            {
                // kubectl and the API's own recorders name events <object>.<unique suffix>.
                Name = $"{meta.Name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
                NamespaceProperty = meta.NamespaceProperty,
            },
            EventTime = now,
            Type = type,
            Reason = reason,
            Action = action,
            Note = note.Length <= MaxNoteLength ? note : note[..(MaxNoteLength - 1)] + "…",
            ReportingController = Controller,
            ReportingInstance = identity.Identity,
            Regarding = new V1ObjectReference
            {
                ApiVersion = InspectNames.ApiVersion,
                Kind = "Capture",
                Name = meta.Name,
                NamespaceProperty = meta.NamespaceProperty,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
            },
        };
        try
        {
            await client.EventsV1.CreateNamespacedEventAsync(@event, meta.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            logger.EventNotWritten(e, reason, meta.NamespaceProperty, meta.Name);
        }
    }
}
