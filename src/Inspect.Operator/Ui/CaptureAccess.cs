using Inspect.Crds.Common;
using Inspect.Ui;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Inspect.Operator.Ui;

/// <summary>
/// Whether a caller may see a namespace's Captures in the UI, or create one there from its form: exactly when the
/// API server would let them <c>get</c> (or <c>create</c>) <c>captures.inspect.dev</c> there, asked with a
/// SubjectAccessReview for the caller's user and groups.
/// </summary>
public sealed class CaptureAccess(IKubernetes client, ReviewCache<bool> cache)
{
    /// <summary>True when <paramref name="caller"/> may get Captures in <paramref name="ns"/>.</summary>
    public Task<bool> MayGetAsync(KubernetesCaller caller, string ns, CancellationToken cancellationToken) => MayAsync(caller, "get", ns, cancellationToken);

    /// <summary>True when <paramref name="caller"/> may do <paramref name="verb"/> on Captures in <paramref name="ns"/>.</summary>
    public Task<bool> MayAsync(KubernetesCaller caller, string verb, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = string.Join('\u001f', caller.Name, caller.Uid, string.Join(',', caller.Groups), verb, ns);
        return cache.GetOrAddAsync(key, () => ReviewAsync(caller, verb, ns, cancellationToken));
    }

    /// <summary>Throws the 403 that names who may not do what where, unless <paramref name="caller"/> may get Captures in <paramref name="ns"/>.</summary>
    public Task DemandAsync(KubernetesCaller caller, string ns, CancellationToken cancellationToken) => DemandAsync(caller, "get", ns, cancellationToken);

    /// <summary>Throws the 403 that names who may not do what where, unless <paramref name="caller"/> may do <paramref name="verb"/> on Captures in <paramref name="ns"/>.</summary>
    public async Task DemandAsync(KubernetesCaller caller, string verb, string ns, CancellationToken cancellationToken)
    {
        if (!await MayAsync(caller, verb, ns, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiException(403, $"user \"{caller?.Name}\" may not {verb} captures.{InspectNames.Group} in namespace \"{ns}\"");
        }
    }

    private async Task<bool> ReviewAsync(KubernetesCaller caller, string verb, string ns, CancellationToken cancellationToken)
    {
        var review = new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = caller.Name,
                Uid = caller.Uid,
                Groups = [.. caller.Groups],
                Extra = caller.Extra,
                ResourceAttributes = new V1ResourceAttributes { Group = InspectNames.Group, Resource = "captures", Verb = verb, NamespaceProperty = ns },
            },
        };
        try
        {
            var answer = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.Status is { Allowed: true, Denied: not true };
        }
        catch (HttpOperationException e)
        {
            throw new ApiException(503, $"the operator could not check access: the API server answered {(int)e.Response.StatusCode} to its SubjectAccessReview (does the operator's ClusterRole allow creating subjectaccessreviews?)");
        }
    }
}
