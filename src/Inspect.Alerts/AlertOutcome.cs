using Inspect.Alerts.Policies;
using Inspect.Operator.Core.Translation;

namespace Inspect.Alerts;

/// <summary>What the intake did with an accepted alert.</summary>
/// <param name="Duplicate">The alert had been seen already; nothing was done.</param>
/// <param name="Pod">The alerting pod, when resolved.</param>
/// <param name="Decisions">One entry per matching policy (none when no policy matched).</param>
public sealed record AlertOutcome(bool Duplicate, ClusterPod? Pod, IReadOnlyList<PolicyDecision> Decisions);
