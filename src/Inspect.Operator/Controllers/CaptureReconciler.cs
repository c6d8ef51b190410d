using System.Collections.Concurrent;
using Grpc.Core;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.Runtime.Controllers;
using Inspect.Kubernetes.Runtime.Queue;
using Inspect.Operator.Agents;
using Inspect.Operator.Core.Translation;
using Inspect.Operator.Kubernetes;
using Inspect.Operator.Metrics;

namespace Inspect.Operator.Controllers;

/// <summary>
/// Brings one Capture in line with its spec, level-based: every pass re-reads the resource and the agents, decides
/// from what it finds, and can be repeated after a crash at any point without starting anything twice.
/// <list type="number">
/// <item>Deleted: stop the agents, give them <see cref="ControllerTimings.StopGrace"/> to store what they recorded,
/// then remove the finalizer.</item>
/// <item>Otherwise add the finalizer first, so a deletion always passes through step 1.</item>
/// <item>Not started: translate the spec. Invalid → Failed with an InvalidSpec condition, nothing started, no retry
/// until the spec changes. No targets or throttled → Pending, look again later. Ready → the start time and the
/// node list are written to status <i>before</i> any agent is called: the start time names the artifacts, so an
/// operator that restarts mid-way computes the same requests, and the agents' idempotency by capture id does the rest.</item>
/// <item>Started: while recording, add the nodes a targeted pod appeared on since the start (they record for what is
/// left of the duration, see <see cref="LateNodes"/>); start the nodes still pending, read progress from the others,
/// roll up phase and conditions.</item>
/// <item>Finished: delete the resource once <c>ttlSecondsAfterFinished</c> has passed.</item>
/// </list>
/// </summary>
public sealed class CaptureReconciler(
    CaptureApi api,
    ClusterViewReader cluster,
    AgentGateway agents,
    StorageSecretReader secrets,
    LostAgentArtifacts lostAgents,
    CaptureEventRecorder events,
    OperatorSettings settings,
    ControllerTimings timings,
    OperatorMetrics metrics,
    TimeProvider clock) : IReconciler
{
    private const int StatusWriteAttempts = 5;
    private readonly ConcurrentDictionary<(string Capture, string Node), DateTime> _unreachableSince = new();
    private readonly ConcurrentDictionary<(string Capture, string Node), string> _sentTargets = new();
    private readonly ConcurrentDictionary<(string Capture, string Node), byte> _waitingToJoin = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var capture = await api.GetAsync(key.Namespace, key.Name, cancellationToken).ConfigureAwait(false);
        if (capture is null)
        {
            metrics.Forget(key);
            return ReconcileResult.Done;
        }

        if (capture.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(key, capture, cancellationToken).ConfigureAwait(false);
        }

        if (!(capture.Metadata.Finalizers?.Contains(InspectNames.CaptureFinalizer) ?? false))
        {
            capture.Metadata.Finalizers ??= [];
            capture.Metadata.Finalizers.Add(InspectNames.CaptureFinalizer);
            capture = await api.ReplaceAsync(capture, cancellationToken).ConfigureAwait(false);
        }

        metrics.Observe(key, capture.Status);
        var status = capture.Status;
        var specChanged = status?.ObservedGeneration != capture.Metadata.Generation;
        if (StatusRollup.IsFinished(status?.Phase) && !(IsInvalidSpec(status) && specChanged))
        {
            return await ExpireAsync(capture, cancellationToken).ConfigureAwait(false);
        }

        return status?.StartTime is null || status.Nodes is not { Count: > 0 }
            ? await StartAsync(key, capture, cancellationToken).ConfigureAwait(false)
            : await DriveAsync(key, capture, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> StartAsync(ObjectKey key, V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        var now = Now();
        // Whole seconds: the start names the artifacts (…-20250102T030405Z) and is stored in status to the second.
        var startedAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var view = await cluster.ReadAsync(capture, cancellationToken).ConfigureAwait(false);
        var translation = CaptureTranslator.Translate(capture, startedAt, view, settings);
        var generation = capture.Metadata.Generation;
        switch (translation.Outcome)
        {
            case TranslationOutcome.Invalid:
                await WriteStatusAsync(key, capture, s =>
                {
                    s.Phase = CapturePhase.Failed;
                    s.ObservedGeneration = generation;
                    s.Nodes = null;
                    var conditions = s.Conditions ??= [];
                    ConditionSet.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, CaptureReasons.InvalidSpec, translation.Message, generation, now);
                    ConditionSet.Set(conditions, ConditionTypes.Progressing, ConditionStatus.False, CaptureReasons.InvalidSpec, "nothing was started", generation, now);
                    ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.True, CaptureReasons.InvalidSpec, translation.Message, generation, now);
                }, cancellationToken).ConfigureAwait(false);
                await TellAsync(capture, CaptureStory.Invalid(translation.Message), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;

            case TranslationOutcome.NoTargets or TranslationOutcome.Throttled:
                await WriteStatusAsync(key, capture, s =>
                {
                    s.Phase = CapturePhase.Pending;
                    s.ObservedGeneration = generation;
                    var conditions = s.Conditions ??= [];
                    ConditionSet.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, translation.Reason, translation.Message, generation, now);
                    ConditionSet.Set(conditions, ConditionTypes.Progressing, ConditionStatus.True, translation.Reason, translation.Message, generation, now);
                    ConditionSet.Set(conditions, ConditionTypes.Degraded, ConditionStatus.False, translation.Reason, "waiting, nothing failed", generation, now);
                }, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.RequeueIn(timings.PendingRetry);

            default:
                capture = await WriteStatusAsync(key, capture, s =>
                {
                    s.StartTime = startedAt.UtcDateTime;
                    s.Nodes = [.. translation.Requests.Select(r => new CaptureNodeStatus { Node = r.NodeName, Phase = NodePhase.Pending })];
                    StatusRollup.Apply(s, generation, now);
                }, cancellationToken).ConfigureAwait(false);
                await TellAsync(capture, CaptureStory.ScheduledOn(translation.Requests.Select(r => r.NodeName)), cancellationToken).ConfigureAwait(false);
                return await DriveAsync(key, capture, translation.Requests, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ReconcileResult> DriveAsync(ObjectKey key, V1Alpha1Capture capture, IReadOnlyList<NodeCaptureRequest>? requests, CancellationToken cancellationToken)
    {
        var captureId = Id(capture);
        var endpoints = await agents.EndpointsAsync(cancellationToken).ConfigureAwait(false);
        var nodes = new List<CaptureNodeStatus>();
        var tiles = new Dictionary<string, Agent.Protocol.V1.SummaryTiles>(StringComparer.Ordinal);
        var stopReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var before = capture.Status!.Nodes!.Select(Clone).ToList();
        var phaseBefore = capture.Status!.Phase;
        var current = capture.Status!.Nodes!.ToList();
        if (requests is null && current.Any(n => n.Phase is NodePhase.Pending or NodePhase.Capturing))
        {
            // Still recording: a targeted pod may have appeared on a node that had none at the start.
            requests = await JoinLateNodesAsync(capture, current, cancellationToken).ConfigureAwait(false);
        }

        foreach (var node in current)
        {
            if (node.Phase is NodePhase.Succeeded or NodePhase.Failed)
            {
                nodes.Add(node);
                continue;
            }

            if (node.Phase == NodePhase.Pending)
            {
                requests ??= await RequestsAsync(capture, cancellationToken).ConfigureAwait(false);
            }

            var (observed, reported) = await ObserveAsync(captureId, node, endpoints, requests, cancellationToken).ConfigureAwait(false);
            if (observed.Phase == NodePhase.Failed && node.Phase != NodePhase.Pending && reported is null)
            {
                // The agent had started and is gone (or restarted without this capture): an agent stopping stores
                // what it recorded, so its file is looked for, and checked, before the node's part counts as lost.
                requests ??= await RequestsAsync(capture, cancellationToken).ConfigureAwait(false);
                observed = await lostAgents.CheckAsync(observed, requests.FirstOrDefault(r => r.NodeName == node.Node), cancellationToken).ConfigureAwait(false);
            }

            if (observed.Phase == NodePhase.Capturing && capture.Spec.Targets is { PodSelector: not null } or { PodNames: not null }
                && endpoints.TryGetValue(node.Node, out var recording))
            {
                requests ??= await RequestsAsync(capture, cancellationToken).ConfigureAwait(false);
                await AddNewPodsAsync(captureId, recording, requests.FirstOrDefault(r => r.NodeName == node.Node), cancellationToken).ConfigureAwait(false);
            }

            observed.JoinedAt ??= node.JoinedAt;
            nodes.Add(observed);
            if (reported?.Summary is { } summary && observed.Phase == NodePhase.Succeeded)
            {
                tiles[observed.Node] = summary;
            }

            if (reported?.StopReason is { Length: > 0 } stopReason)
            {
                stopReasons[observed.Node] = stopReason;
            }
        }

        var now = Now();
        capture = await WriteStatusAsync(key, capture, s =>
        {
            // A node's tiles join the summary once, when status first records it as Succeeded (this mutation is
            // re-applied to a fresh status after a conflict, so the check is against that status).
            foreach (var (node, summary) in tiles)
            {
                if (s.Nodes?.FirstOrDefault(n => n.Node == node)?.Phase != NodePhase.Succeeded)
                {
                    s.Summary = SummaryMerge.Add(s.Summary, summary);
                }
            }

            s.Nodes = [.. nodes.Select(Clone)];
            StatusRollup.Apply(s, capture.Metadata.Generation, now);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var step in CaptureStory.Between(before, nodes, stopReasons, phaseBefore, capture.Status?.Phase))
        {
            await TellAsync(capture, step, cancellationToken).ConfigureAwait(false);
        }

        return StatusRollup.IsFinished(capture.Status?.Phase)
            ? await ExpireAsync(capture, cancellationToken).ConfigureAwait(false)
            : ReconcileResult.RequeueIn(nodes.Any(n => n.Phase == NodePhase.Pending) && timings.StartingPollInterval < timings.PollInterval
                ? timings.StartingPollInterval
                : timings.PollInterval);
    }

    // The requests of an already started capture: the same translation with the recorded start time; a node that
    // joined late gets what is left of the duration (see LateNodes).
    private async Task<IReadOnlyList<NodeCaptureRequest>> RequestsAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        var (translation, _) = await TranslateAsync(capture, cancellationToken).ConfigureAwait(false);
        return ForLateNodes(translation.Requests, capture.Status?.Nodes ?? []);
    }

    private async Task<(TranslationResult Translation, ClusterView View)> TranslateAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        var view = await cluster.ReadAsync(capture, cancellationToken).ConfigureAwait(false);
        var startedAt = new DateTimeOffset(DateTime.SpecifyKind(capture.Status!.StartTime!.Value, DateTimeKind.Utc));
        return (CaptureTranslator.Translate(capture, startedAt, view, settings), view);
    }

    private IReadOnlyList<NodeCaptureRequest> ForLateNodes(IReadOnlyList<NodeCaptureRequest> requests, IEnumerable<CaptureNodeStatus> nodes)
    {
        var late = nodes.Where(n => n.JoinedAt is not null).Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        return late.Count == 0 ? requests : [.. requests.Select(r => late.Contains(r.NodeName) ? LateNodes.StartingAt(r, now) : r)];
    }

    // Adds to <paramref name="nodes"/>, as Pending, the nodes a targeted pod appeared on since the start (the loop
    // that follows starts them like any pending node), and returns the requests of every node.
    private async Task<IReadOnlyList<NodeCaptureRequest>> JoinLateNodesAsync(V1Alpha1Capture capture, List<CaptureNodeStatus> nodes, CancellationToken cancellationToken)
    {
        var (translation, view) = await TranslateAsync(capture, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var plan = LateNodes.Plan(translation, nodes.Select(n => n.Node), view, settings, now);
        var captureId = Id(capture);
        foreach (var join in plan.Join)
        {
            nodes.Add(new CaptureNodeStatus { Node = join.NodeName, Phase = NodePhase.Pending, JoinedAt = Now() });
            _waitingToJoin.TryRemove((captureId, join.NodeName), out _);
            await TellAsync(capture, CaptureStory.Joined(join.NodeName, join.Limits.Duration), cancellationToken).ConfigureAwait(false);
        }

        foreach (var waiting in plan.Throttled)
        {
            if (_waitingToJoin.TryAdd((captureId, waiting), 0))
            {
                await TellAsync(capture, CaptureStory.JoinThrottled(waiting), cancellationToken).ConfigureAwait(false);
            }
        }

        return ForLateNodes(translation.Requests, nodes);
    }

    private Task TellAsync(V1Alpha1Capture capture, CaptureStep step, CancellationToken cancellationToken) => step.Warning
        ? events.WarningAsync(capture, step.Reason, step.Action, step.Note, cancellationToken)
        : events.NormalAsync(capture, step.Reason, step.Action, step.Note, cancellationToken);

    private async Task<(CaptureNodeStatus Node, Agent.Protocol.V1.CaptureStatus? Reported)> ObserveAsync(
        string captureId, CaptureNodeStatus node, IReadOnlyDictionary<string, AgentEndpoint> endpoints, IReadOnlyList<NodeCaptureRequest>? requests, CancellationToken cancellationToken)
    {
        if (!endpoints.TryGetValue(node.Node, out var agent))
        {
            return (Unreachable(captureId, node, $"no running agent pod on node {node.Node}"), null);
        }

        try
        {
            Agent.Protocol.V1.CaptureStatus? reported;
            if (node.Phase == NodePhase.Pending)
            {
                var request = requests?.FirstOrDefault(r => r.NodeName == node.Node);
                if (request is null)
                {
                    return (Failed(node, $"the targets on node {node.Node} went away before the capture started there"), null);
                }

                var message = AgentMessages.ToStartRequest(request);
                if (message.Output.S3 is { } s3)
                {
                    try
                    {
                        s3.Credentials = await secrets.ReadAsync(request.CaptureNamespace, request.Output, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException e)
                    {
                        return (Failed(node, e.Message), null);
                    }
                }

                reported = await agents.StartAsync(agent, message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                reported = await agents.GetAsync(agent, captureId, cancellationToken).ConfigureAwait(false);
                if (reported is null)
                {
                    return (Failed(node, $"the agent on node {node.Node} (pod {agent.PodName}) no longer knows this capture: it restarted, and what it had recorded was not stored"), null);
                }
            }

            _unreachableSince.TryRemove((captureId, node.Node), out _);
            return (AgentMessages.ToNodeStatus(node.Node, reported), reported);
        }
        catch (RpcException e) when (AgentGateway.IsUnreachable(e))
        {
            return (Unreachable(captureId, node, $"agent pod {agent.PodName} on node {node.Node} unreachable: {e.Status.Detail}"), null);
        }
        catch (RpcException e)
        {
            return (Failed(node, $"the agent on node {node.Node} refused the capture: {e.Status.Detail}"), null);
        }
    }

    // Pods that match the targets now, on a node already recording (created, or scheduled there, after the start):
    // the start request is sent again with them, which the agent takes as "add these to the running capture". Sent
    // only when the node's set of pods changed since the last time.
    private async Task AddNewPodsAsync(string captureId, AgentEndpoint agent, NodeCaptureRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return;
        }

        var signature = string.Join(',', request.CgroupHints.Order(StringComparer.Ordinal));
        if (_sentTargets.TryGetValue((captureId, request.NodeName), out var sent) && sent == signature)
        {
            return;
        }

        try
        {
            await agents.StartAsync(agent, AgentMessages.ToStartRequest(request), cancellationToken).ConfigureAwait(false);
            _sentTargets[(captureId, request.NodeName)] = signature;
        }
        catch (RpcException)
        {
            // Unreachable or refused: the next pass tries again, and observing the node reports what is wrong.
        }
    }

    // An agent that cannot be reached is given time (it may be restarting) before its part counts as failed.
    private CaptureNodeStatus Unreachable(string captureId, CaptureNodeStatus node, string why)
    {
        var now = Now();
        var since = _unreachableSince.GetOrAdd((captureId, node.Node), now);
        if (now - since < timings.AgentUnreachableAfter)
        {
            return node;
        }

        _unreachableSince.TryRemove((captureId, node.Node), out _);
        return Failed(node, $"{why} (for {(int)(now - since).TotalSeconds}s); what it recorded is lost unless the agent stored it");
    }

    private static CaptureNodeStatus Failed(CaptureNodeStatus node, string error)
    {
        var failed = Clone(node);
        failed.Phase = NodePhase.Failed;
        failed.Error = AgentMessages.Truncate(error);
        return failed;
    }

    private async Task<ReconcileResult> FinalizeAsync(ObjectKey key, V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        if (!(capture.Metadata.Finalizers?.Contains(InspectNames.CaptureFinalizer) ?? false))
        {
            return ReconcileResult.Done;
        }

        var captureId = Id(capture);
        var nodes = capture.Status?.Nodes ?? [];
        if (nodes.Any(IsActive))
        {
            var endpoints = await agents.EndpointsAsync(cancellationToken).ConfigureAwait(false);
            var updated = new List<CaptureNodeStatus>();
            foreach (var node in nodes)
            {
                updated.Add(IsActive(node) && endpoints.TryGetValue(node.Node, out var agent)
                    ? await StopAsync(agent, captureId, node, cancellationToken).ConfigureAwait(false)
                    : node);
            }

            var now = Now();
            var deadline = capture.Metadata.DeletionTimestamp!.Value.ToUniversalTime() + timings.StopGrace;
            var waiting = updated.Any(IsActive) && now < deadline;
            if (!waiting)
            {
                updated = [.. updated.Select(n => IsActive(n) ? Failed(n, "the Capture was deleted before this node finished storing its file") : n)];
            }

            capture = await WriteStatusAsync(key, capture, s =>
            {
                s.Nodes = [.. updated.Select(Clone)];
                StatusRollup.Apply(s, capture.Metadata.Generation, now);
                if (waiting)
                {
                    ConditionSet.Set(s.Conditions!, ConditionTypes.Progressing, ConditionStatus.True, CaptureReasons.Terminating,
                        $"deleted: waiting up to {(int)(deadline - now).TotalSeconds}s for the agents to stop and store what they recorded", capture.Metadata.Generation, now);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (waiting)
            {
                return ReconcileResult.RequeueIn(timings.PollInterval < TimeSpan.FromSeconds(1) ? timings.PollInterval : TimeSpan.FromSeconds(1));
            }
        }

        capture.Metadata.Finalizers!.Remove(InspectNames.CaptureFinalizer);
        await api.ReplaceAsync(capture, cancellationToken).ConfigureAwait(false);
        foreach (var node in nodes)
        {
            _unreachableSince.TryRemove((captureId, node.Node), out _);
            _sentTargets.TryRemove((captureId, node.Node), out _);
        }

        foreach (var waiting in _waitingToJoin.Keys.Where(k => k.Capture == captureId))
        {
            _waitingToJoin.TryRemove(waiting, out _);
        }

        metrics.Forget(key);
        return ReconcileResult.Done;
    }

    private async Task<CaptureNodeStatus> StopAsync(AgentEndpoint agent, string captureId, CaptureNodeStatus node, CancellationToken cancellationToken)
    {
        try
        {
            var reported = await agents.StopAsync(agent, captureId, cancellationToken).ConfigureAwait(false);
            if (reported.Phase == Agent.Protocol.V1.CapturePhase.Unspecified)
            {
                return Failed(node, "the agent does not know this capture");
            }

            var stopped = AgentMessages.ToNodeStatus(node.Node, reported);
            stopped.JoinedAt = node.JoinedAt;
            return stopped;
        }
        catch (RpcException)
        {
            // Unreachable: the grace period decides.
            return node;
        }
    }

    private async Task<ReconcileResult> ExpireAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        if (capture.Spec.TtlSecondsAfterFinished is not { } ttl || capture.Status?.CompletionTime is not { } completion)
        {
            return ReconcileResult.Done;
        }

        var due = DateTime.SpecifyKind(completion, DateTimeKind.Utc) + TimeSpan.FromSeconds(ttl);
        var now = Now();
        if (now < due)
        {
            return ReconcileResult.RequeueIn(due - now);
        }

        await api.DeleteAsync(capture, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Writes the status that <paramref name="mutate"/> makes of the current one, through the status
    /// subresource; on a conflict re-reads the resource and applies <paramref name="mutate"/> again. Writes nothing when
    /// nothing changed.</summary>
    private async Task<V1Alpha1Capture> WriteStatusAsync(ObjectKey key, V1Alpha1Capture capture, Action<V1Alpha1CaptureStatus> mutate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = capture.Status is null ? "" : k8s.KubernetesJson.Serialize(capture.Status);
            var status = capture.Status is null ? new V1Alpha1CaptureStatus() : k8s.KubernetesJson.Deserialize<V1Alpha1CaptureStatus>(before);
            mutate(status);
            if (k8s.KubernetesJson.Serialize(status) == before)
            {
                return capture;
            }

            capture.Status = status;
            try
            {
                var written = await api.ReplaceStatusAsync(capture, cancellationToken).ConfigureAwait(false);
                metrics.Observe(key, written.Status);
                return written;
            }
            catch (Exception e) when (CaptureApi.IsConflict(e) && attempt < StatusWriteAttempts)
            {
                capture = await api.GetAsync(key.Namespace, key.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Capture {key} was deleted while its status was being written");
            }
        }
    }

    private static bool IsActive(CaptureNodeStatus node) => node.Phase is NodePhase.Pending or NodePhase.Capturing or NodePhase.Uploading;

    private static bool IsInvalidSpec(V1Alpha1CaptureStatus? status) =>
        ConditionSet.Find(status?.Conditions, ConditionTypes.Degraded)?.Reason == CaptureReasons.InvalidSpec;

    private static string Id(V1Alpha1Capture capture) =>
        new CaptureIdentity(capture.Metadata.NamespaceProperty, capture.Metadata.Name, capture.Metadata.Uid, default).Id;

    private static CaptureNodeStatus Clone(CaptureNodeStatus node) =>
        k8s.KubernetesJson.Deserialize<CaptureNodeStatus>(k8s.KubernetesJson.Serialize(node));

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
