using Inspect.Crds.Capture;
using Inspect.Crds.Policy;

namespace Inspect.Alerts.Policies;

/// <summary>The cluster as the alert intake uses it: policies to read, Captures to create and count.</summary>
public interface IPolicyStore
{
    /// <summary>Every CapturePolicy (from a cache; called once per alert).</summary>
    Task<IReadOnlyList<V1Alpha1CapturePolicy>> ListPoliciesAsync(CancellationToken cancellationToken);

    /// <summary>The Captures <paramref name="policy"/> created that still exist.</summary>
    Task<IReadOnlyList<PolicyCapture>> ListCapturesAsync(PolicyKey policy, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="capture"/>; <c>false</c> when one of that name exists already (a repeated alert).</summary>
    Task<bool> CreateCaptureAsync(V1Alpha1Capture capture, CancellationToken cancellationToken);
}
