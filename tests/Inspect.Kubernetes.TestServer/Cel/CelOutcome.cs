namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>The result of one rule: true/false, or an evaluation error (a rule that does not compile or fails).</summary>
public sealed record CelOutcome(bool Passed, string? Error = null);
