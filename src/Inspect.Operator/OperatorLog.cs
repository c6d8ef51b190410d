using Microsoft.Extensions.Logging;

namespace Inspect.Operator;

/// <summary>The operator's log messages, compiled once.</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "reconciling {Key} failed; retrying with backoff")]
    public static partial void ReconcileRetrying(this ILogger logger, Exception error, Inspect.Kubernetes.Runtime.Queue.ObjectKey key);

    [LoggerMessage(Level = LogLevel.Error, Message = "reconciling {Key} failed for good")]
    public static partial void ReconcileTerminal(this ILogger logger, Exception error, Inspect.Kubernetes.Runtime.Queue.ObjectKey key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "reconciled {Key}")]
    public static partial void Reconciled(this ILogger logger, Inspect.Kubernetes.Runtime.Queue.ObjectKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watching Captures failed; recovering")]
    public static partial void WatchRecovered(this ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads (Lease {Namespace}/{Name}); reconciling")]
    public static partial void StartedLeading(this ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost the Lease; reconciling stopped")]
    public static partial void StoppedLeading(this ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "leader election error")]
    public static partial void ElectionError(this ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record the {Reason} event of Capture {Namespace}/{Name}")]
    public static partial void EventNotWritten(this ILogger logger, Exception error, string reason, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "arming flight-recorder rings failed; trying again next round")]
    public static partial void ArmingFailed(this ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "armed ring {RingId} on {Node} for {Pods} pod(s)")]
    public static partial void RingArmed(this ILogger logger, string ringId, string node, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "disarmed ring {RingId} on {Node}")]
    public static partial void RingDisarmed(this ILogger logger, string ringId, string node);
}
