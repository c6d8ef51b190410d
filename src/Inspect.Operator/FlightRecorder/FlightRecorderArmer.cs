using System.Net;
using System.Text.Json;
using Grpc.Core;
using Inspect.Agent.Protocol.V1;
using Inspect.Alerts.Policies;
using Inspect.Crds.Common;
using Inspect.Operator.Agents;
using Inspect.Operator.Hosting;
using Inspect.Operator.Kubernetes;
using Inspect.Operator.Webhook;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Inspect.Operator.FlightRecorder;

/// <summary>
/// Keeps the agents' flight-recorder rings in line with the CapturePolicies (a leader task): every round it plans the
/// rings the policies and pods need (<see cref="RingPlanner"/>), asks each agent which rings it keeps, arms the
/// missing ones first and then disarms the operator's rings nobody wants anymore, so a ring whose pods changed is
/// replaced without a moment unrecorded. Arming is idempotent by ring id, so after an operator or agent restart the
/// next round converges again. Each policy's status shows how many pods are armed and why others are not.
/// </summary>
public sealed class FlightRecorderArmer(
    IKubernetes client, IPolicyStore policies, AgentGateway agents, WebhookSettings settings, ILogger<FlightRecorderArmer> logger) : ILeaderTask
{
    private readonly Dictionary<PolicyKey, (int Armed, string? Problem)> _written = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A new term: another leader may have written the statuses meanwhile.
        _written.Clear();
        using var timer = new PeriodicTimer(settings.ArmInterval);
        try
        {
            do
            {
                try
                {
                    await ConvergeAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException or RpcException && !cancellationToken.IsCancellationRequested)
                {
                    logger.ArmingFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: arms and disarms, then writes the policies' armed counts. Returns the rings planned.</summary>
    public async Task<IReadOnlyList<PlannedRing>> ConvergeAsync(CancellationToken cancellationToken)
    {
        var policyList = await policies.ListPoliciesAsync(cancellationToken).ConfigureAwait(false);
        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var plan = RingPlanner.Plan(policyList, [.. pods.Items.Select(ClusterViewReader.ToPod)], settings.ClusterPolicyNamespace, settings.RingMaxBytes);
        var endpoints = await agents.EndpointsAsync(cancellationToken).ConfigureAwait(false);

        var tally = policyList
            .Where(p => RingPlanner.PreTrigger(p) is not null && p.Metadata.NamespaceProperty is not null)
            .ToDictionary(p => new PolicyKey(p.Metadata.NamespaceProperty!, p.Metadata.Name), _ => new Tally());
        var byNode = plan.ToLookup(r => r.Node, StringComparer.Ordinal);
        foreach (var ring in plan.Where(r => !endpoints.ContainsKey(r.Node)))
        {
            tally[ring.Policy].Problem($"no agent runs on node {ring.Node}");
        }

        var rounds = endpoints.Values.Select(agent => ConvergeNodeAsync(agent, [.. byNode[agent.NodeName]], tally, cancellationToken));
        await Task.WhenAll(rounds).ConfigureAwait(false);
        await WriteStatusesAsync(tally, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    private async Task ConvergeNodeAsync(AgentEndpoint agent, List<PlannedRing> wanted, Dictionary<PolicyKey, Tally> tally, CancellationToken cancellationToken)
    {
        IReadOnlyList<ArmStatus> kept;
        try
        {
            kept = await agents.ListRingsAsync(agent, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            foreach (var ring in wanted)
            {
                tally[ring.Policy].Problem($"the agent on node {agent.NodeName} could not be asked: {e.Status.Detail}");
            }

            return;
        }

        var armedIds = kept.Where(k => k.Armed).Select(k => k.RingId).ToHashSet(StringComparer.Ordinal);
        var failed = false;
        foreach (var ring in wanted)
        {
            if (armedIds.Contains(ring.RingId))
            {
                tally[ring.Policy].Armed(ring.Pods.Count);
                continue;
            }

            try
            {
                var status = await agents.ArmAsync(agent, ring.ToArmRequest(), cancellationToken).ConfigureAwait(false);
                if (status.Armed)
                {
                    logger.RingArmed(ring.RingId, agent.NodeName, ring.Pods.Count);
                    tally[ring.Policy].Armed(ring.Pods.Count);
                }
                else
                {
                    tally[ring.Policy].Problem($"the ring on node {agent.NodeName} stopped: {status.Error}");
                }
            }
            catch (RpcException e)
            {
                // Unreachable agents keep their old rings (disarming would fail too); the next round tries again.
                failed |= AgentGateway.IsUnreachable(e);
                tally[ring.Policy].Problem($"node {agent.NodeName}: {e.Status.Detail}");
            }
        }

        if (failed)
        {
            return;
        }

        var wantedIds = wanted.Select(r => r.RingId).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in kept.Where(k => k.RingId.StartsWith(PlannedRing.IdPrefix, StringComparison.Ordinal) && !wantedIds.Contains(k.RingId)))
        {
            await agents.DisarmAsync(agent, stale.RingId, cancellationToken).ConfigureAwait(false);
            logger.RingDisarmed(stale.RingId, agent.NodeName);
        }
    }

    private async Task WriteStatusesAsync(Dictionary<PolicyKey, Tally> tally, CancellationToken cancellationToken)
    {
        foreach (var (policy, counts) in tally)
        {
            var now = (counts.ArmedPods, counts.FirstProblem);
            if (_written.TryGetValue(policy, out var written) && written == now)
            {
                continue;
            }

            var patch = JsonSerializer.Serialize(new { status = new { armedPods = now.ArmedPods, armingProblem = now.FirstProblem } });
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(patch, V1Patch.PatchType.MergePatch),
                    InspectNames.Group,
                    InspectNames.Version,
                    policy.Namespace,
                    "capturepolicies",
                    policy.Name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                _written[policy] = now;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted since it was listed; its rings go next round.
            }
        }
    }

    // Counted from several nodes' rounds at once.
    private sealed class Tally
    {
        private readonly Lock _lock = new();
        private int _armed;
        private string? _problem;

        public int ArmedPods
        {
            get
            {
                lock (_lock)
                {
                    return _armed;
                }
            }
        }

        public string? FirstProblem
        {
            get
            {
                lock (_lock)
                {
                    return _problem is { Length: > 1024 } long1 ? long1[..1023] + "…" : _problem;
                }
            }
        }

        public void Armed(int pods)
        {
            lock (_lock)
            {
                _armed += pods;
            }
        }

        public void Problem(string problem)
        {
            lock (_lock)
            {
                _problem ??= problem;
            }
        }
    }
}
