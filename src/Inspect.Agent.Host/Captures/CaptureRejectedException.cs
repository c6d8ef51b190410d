namespace Inspect.Agent.Host.Captures;

/// <summary>Why a start request was refused before anything was recorded.</summary>
public enum RejectionKind
{
    /// <summary>The request is malformed or asks for more than this agent allows.</summary>
    Invalid,

    /// <summary>The spool is at its quota.</summary>
    SpoolFull,
}

/// <summary>A start request the agent refuses, with a message naming what was wrong.</summary>
public sealed class CaptureRejectedException(RejectionKind kind, string message) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
}
