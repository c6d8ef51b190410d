using System.Net;
using System.Text.Json;
using Inspect.Alerts.Policies;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Alerts.Kubernetes;

/// <summary>
/// Writes what the <see cref="PolicyStatusBook"/> gathered into each CapturePolicy's status subresource: read, merge,
/// write with the read resourceVersion as precondition, and on a conflict read again. A policy that is gone is skipped;
/// a failed write is put back into the book for the next round.
/// </summary>
public sealed class PolicyStatusWriter(IKubernetes client, PolicyStatusBook book)
{
    private const int ConflictRetries = 5;

    /// <summary>Writes one round; returns the number of policies updated.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var updated = 0;
        foreach (var (policy, pending) in book.Drain())
        {
            try
            {
                if (await WriteAsync(policy, pending, cancellationToken).ConfigureAwait(false))
                {
                    updated++;
                }
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
            {
                book.Restore(policy, pending);
                if (e is OperationCanceledException)
                {
                    throw;
                }
            }
        }

        return updated;
    }

    /// <summary>Flushes every <paramref name="interval"/> until cancelled, then once more.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> WriteAsync(PolicyKey key, PendingPolicyStatus pending, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            V1Alpha1CapturePolicy policy;
            try
            {
                policy = await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1CapturePolicy>(
                    InspectNames.Group, InspectNames.Version, key.Namespace, "capturepolicies", key.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            var status = pending.ApplyTo(policy.Status);
            status.ObservedGeneration ??= policy.Metadata.Generation;
            var patch = new
            {
                metadata = new { resourceVersion = policy.Metadata.ResourceVersion },
                status,
            };
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(JsonSerializer.Serialize(patch), V1Patch.PatchType.MergePatch),
                    InspectNames.Group,
                    InspectNames.Version,
                    key.Namespace,
                    "capturepolicies",
                    key.Name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < ConflictRetries)
            {
                // Someone else wrote the policy since we read it; merge into the newer status.
            }
        }
    }
}
