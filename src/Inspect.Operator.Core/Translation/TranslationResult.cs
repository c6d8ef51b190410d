using Inspect.Crds.Common;

namespace Inspect.Operator.Core.Translation;

/// <summary>What a reconciler should do with a translation.</summary>
public enum TranslationOutcome
{
    /// <summary>Start <see cref="TranslationResult.Requests"/>.</summary>
    Ready,

    /// <summary>The spec can never succeed: report <see cref="TranslationResult.Violations"/>, start nothing, do not retry
    /// until the spec changes.</summary>
    Invalid,

    /// <summary>The spec is valid but matches nothing yet: wait for pods or nodes and translate again.</summary>
    NoTargets,

    /// <summary>The spec is valid and matched, but a concurrency limit holds it back: retry later.</summary>
    Throttled,
}

/// <summary>The translator's answer: requests to start, or why not.</summary>
public sealed record TranslationResult
{
    /// <summary>What to do.</summary>
    public required TranslationOutcome Outcome { get; init; }

    /// <summary>The per-node requests, ordered by node name; empty unless Ready or Throttled.</summary>
    public IReadOnlyList<NodeCaptureRequest> Requests { get; init; } = [];

    /// <summary>The broken rules when Invalid.</summary>
    public IReadOnlyList<SpecViolation> Violations { get; init; } = [];

    /// <summary>The targeted nodes at their limit when Throttled (every targeted node when the cluster is at its limit).</summary>
    public IReadOnlyList<string> ThrottledNodes { get; init; } = [];

    /// <summary>The condition reason: <c>Starting</c>, <c>InvalidSpec</c>, <c>NoTargets</c> or <c>Throttled</c>.</summary>
    public string Reason => Outcome switch
    {
        TranslationOutcome.Ready => CaptureReasons.Starting,
        TranslationOutcome.Invalid => CaptureReasons.InvalidSpec,
        TranslationOutcome.NoTargets => CaptureReasons.NoTargets,
        _ => CaptureReasons.Throttled,
    };

    /// <summary>A message for the condition.</summary>
    public required string Message { get; init; }

    /// <summary>True when translating again later may give another answer without a spec change.</summary>
    public bool IsRetryable => Outcome is TranslationOutcome.NoTargets or TranslationOutcome.Throttled;
}
