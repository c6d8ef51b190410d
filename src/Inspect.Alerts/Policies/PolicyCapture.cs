namespace Inspect.Alerts.Policies;

/// <summary>A Capture a policy created, as far as the limits care.</summary>
/// <param name="Name">The Capture's name.</param>
/// <param name="PodUid">The alerting pod's uid.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="CreatedAt">When the Capture was created.</param>
/// <param name="IsFinished">Whether it reached a final phase (it no longer counts against maxConcurrent).</param>
public sealed record PolicyCapture(string Name, string PodUid, string Rule, DateTimeOffset CreatedAt, bool IsFinished);
