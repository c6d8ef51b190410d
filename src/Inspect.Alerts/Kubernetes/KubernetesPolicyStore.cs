using System.Net;
using Inspect.Alerts.Policies;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Kubernetes.Runtime.Watching;
using k8s;
using k8s.Autorest;

namespace Inspect.Alerts.Kubernetes;

/// <summary>
/// CapturePolicies and policy-made Captures through the Kubernetes API. Policies are listed at most once per
/// <c>policyCacheLifetime</c>, so a burst of alerts costs one list, not one per alert.
/// </summary>
public sealed class KubernetesPolicyStore(IKubernetes client, TimeSpan? policyCacheLifetime = null, TimeProvider? time = null) : IPolicyStore, IDisposable
{
    private readonly TimeSpan _cacheLifetime = policyCacheLifetime ?? TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<V1Alpha1CapturePolicy> Policies, DateTimeOffset At)? _cache;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<V1Alpha1CapturePolicy>> ListPoliciesAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } refreshed)
            {
                return refreshed;
            }

            var list = await client.CustomObjects.ListClusterCustomObjectAsync<CustomResourceList<V1Alpha1CapturePolicy>>(
                InspectNames.Group, InspectNames.Version, "capturepolicies", cancellationToken: cancellationToken).ConfigureAwait(false);
            var policies = list.Items.ToList();
            _cache = (policies, _time.GetUtcNow());
            return policies;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PolicyCapture>> ListCapturesAsync(PolicyKey policy, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<CustomResourceList<V1Alpha1Capture>>(
            InspectNames.Group,
            InspectNames.Version,
            "captures",
            labelSelector: $"{InspectNames.PolicyLabel}={policy.Name},{InspectNames.PolicyNamespaceLabel}={policy.Namespace}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items.Select(c => new PolicyCapture(
            c.Metadata.Name,
            c.Metadata.Labels?.TryGetValue(InspectNames.PodUidLabel, out var uid) == true ? uid : "",
            c.Spec.Trigger?.Rule ?? "",
            c.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : _time.GetUtcNow(),
            c.Status?.Phase is CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed)).ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> CreateCaptureAsync(V1Alpha1Capture capture, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                capture, InspectNames.Group, InspectNames.Version, capture.Metadata.NamespaceProperty, "captures", cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<V1Alpha1CapturePolicy>? Fresh() =>
        _cache is { } cache && _time.GetUtcNow() - cache.At < _cacheLifetime ? cache.Policies : null;
}
