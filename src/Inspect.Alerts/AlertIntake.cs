using System.Collections.Concurrent;
using Inspect.Alerts.Falco;
using Inspect.Alerts.Policies;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts;

/// <summary>
/// Turns one parsed alert into Captures: drops repeats, finds the alerting pod (by namespace and name, else by
/// container id), and lets every matching CapturePolicy decide within its limits. Decisions for one policy are
/// serialised, so a burst cannot overrun its limits; different policies proceed in parallel.
/// </summary>
public sealed class AlertIntake
{
    private readonly IPodDirectory _pods;
    private readonly IPolicyStore _store;
    private readonly PolicyStatusBook _statusBook;
    private readonly AlertDeduplicator _deduplicator;
    private readonly AlertMetrics _metrics;
    private readonly AlertIntakeOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<PolicyKey, PolicyLedger> _ledgers = new();

    /// <summary>Creates the intake over the cluster seams.</summary>
    public AlertIntake(
        IPodDirectory pods,
        IPolicyStore store,
        PolicyStatusBook statusBook,
        AlertMetrics metrics,
        AlertIntakeOptions? options = null,
        AlertDeduplicator? deduplicator = null,
        TimeProvider? time = null)
    {
        _pods = pods;
        _store = store;
        _statusBook = statusBook;
        _metrics = metrics;
        _options = options ?? new AlertIntakeOptions();
        _deduplicator = deduplicator ?? new AlertDeduplicator();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The intake's counters.</summary>
    public AlertMetrics Metrics => _metrics;

    /// <summary>
    /// Handles <paramref name="alert"/>. Throws <see cref="AlertRejectedException"/> (reason
    /// <see cref="AlertRejection.UnknownPod"/>) when the alert names no pod that exists.
    /// </summary>
    public async Task<AlertOutcome> HandleAsync(FalcoAlert alert, CancellationToken cancellationToken)
    {
        var pod = await ResolvePodAsync(alert, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (!_deduplicator.TryAdmit(alert, now))
        {
            _metrics.Duplicate();
            return new AlertOutcome(Duplicate: true, pod, []);
        }

        try
        {
            var decisions = new List<PolicyDecision>();
            var policies = await _store.ListPoliciesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var policy in policies.Where(p => PolicyScope.MayTarget(p, pod, _options.ClusterPolicyNamespace) && PolicyMatcher.Matches(p.Spec.Match, alert, pod)))
            {
                decisions.Add(await DecideAsync(policy, alert, pod, cancellationToken).ConfigureAwait(false));
            }

            return new AlertOutcome(Duplicate: false, pod, decisions);
        }
        catch
        {
            // Nothing was promised for this alert: let the sender's retry be handled afresh.
            _deduplicator.Forget(alert);
            throw;
        }
    }

    private async Task<ClusterPod> ResolvePodAsync(FalcoAlert alert, CancellationToken cancellationToken)
    {
        ClusterPod? pod = null;
        if (alert.Namespace is { } ns && alert.PodName is { } name)
        {
            pod = await _pods.FindAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }

        if (pod is null && alert.ContainerId is { } containerId)
        {
            pod = await _pods.FindByContainerAsync(containerId, alert.Hostname.Length > 0 ? alert.Hostname : null, cancellationToken).ConfigureAwait(false);
        }

        return pod ?? throw new AlertRejectedException(
            AlertRejection.UnknownPod,
            alert.Namespace is null && alert.PodName is null && alert.ContainerId is null
                ? "the alert names no pod: its output_fields carry neither k8s.ns.name/k8s.pod.name nor container.id (add them to the rule's output)"
                : $"no pod {alert.Namespace ?? "?"}/{alert.PodName ?? "?"} (container {alert.ContainerId ?? "none"}) exists");
    }

    private async Task<PolicyDecision> DecideAsync(V1Alpha1CapturePolicy policy, FalcoAlert alert, ClusterPod pod, CancellationToken cancellationToken)
    {
        var key = new PolicyKey(policy.Metadata.NamespaceProperty!, policy.Metadata.Name);
        var ledger = _ledgers.GetOrAdd(key, _ => new PolicyLedger());
        await ledger.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<PolicyCapture>? existing = null;
            async ValueTask<IReadOnlyList<PolicyCapture>> Existing() =>
                existing ??= await _store.ListCapturesAsync(key, cancellationToken).ConfigureAwait(false);

            if (!ledger.IsSeeded)
            {
                ledger.Seed(await Existing().ConfigureAwait(false));
            }

            var now = _time.GetUtcNow();
            var dryRun = policy.Spec.DryRun == true;
            var action = await ledger.DecideAsync(
                policy.Spec.Limits,
                pod.Uid,
                alert.Rule,
                now,
                async () => dryRun ? 0 : (await Existing().ConfigureAwait(false)).Count(c => !c.IsFinished)).ConfigureAwait(false);

            string? captureName = null;
            if (action == PolicyAction.Created)
            {
                var capture = AlertCaptureFactory.Create(policy, alert, pod);
                captureName = capture.Metadata.Name;
                if (dryRun)
                {
                    action = PolicyAction.DryRun;
                }
                else if (!await _store.CreateCaptureAsync(capture, cancellationToken).ConfigureAwait(false))
                {
                    // The same alert created it before (this operator restarted, or another replica got there first).
                    _metrics.Duplicate();
                }

                ledger.Remember(pod.Uid, alert.Rule, now);
            }

            _metrics.PolicyAction(key.ToString(), action.ToString());
            _statusBook.Record(key, Record(alert, pod, action, captureName), now);
            return new PolicyDecision(key, action, captureName);
        }
        finally
        {
            ledger.Gate.Release();
        }
    }

    private static PolicyMatchRecord Record(FalcoAlert alert, ClusterPod pod, PolicyAction action, string? capture) => new()
    {
        Time = alert.Time.UtcDateTime,
        Rule = alert.Rule.Length > 256 ? alert.Rule[..256] : alert.Rule,
        Priority = alert.Priority,
        Namespace = pod.Namespace,
        Pod = pod.Name,
        Node = pod.NodeName,
        Action = action,
        Capture = capture,
    };
}
