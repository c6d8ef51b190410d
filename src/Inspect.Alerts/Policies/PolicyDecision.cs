using Inspect.Crds.Policy;

namespace Inspect.Alerts.Policies;

/// <summary>What one matching policy did about an alert.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Action">Created, DryRun, or why nothing was created.</param>
/// <param name="Capture">The Capture created or that would have been, when any.</param>
public sealed record PolicyDecision(PolicyKey Policy, PolicyAction Action, string? Capture);
