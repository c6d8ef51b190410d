using Microsoft.Extensions.Logging;

namespace Inspect.Agent.Host;

/// <summary>The agent's log messages, compiled once (no formatting unless the level is enabled).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id} starting on {Node}")]
    public static partial void Starting(this ILogger logger, string id, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id}: {Dropped} events did not pass the filter {Filter}")]
    public static partial void Filtered(this ILogger logger, string id, long dropped, string filter);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id} stopped ({Reason}): {Events} events, {Bytes} bytes, {Drops} dropped; storing through {Store}")]
    public static partial void Stopped(this ILogger logger, string id, Inspect.Agent.Capture.StopReason reason, long events, long bytes, ulong drops, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id} stored at {Uri}")]
    public static partial void Stored(this ILogger logger, string id, string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "capture {Id}: the streamed upload did not complete ({Reason}); sending the spool file again")]
    public static partial void StreamingIncomplete(this ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "storage: {Message}")]
    public static partial void UploadNotice(this ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "capture {Id} asked for pre-trigger history but starts without it: {Reason}")]
    public static partial void NoHistory(this ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "capture {Id} failed")]
    public static partial void Failed(this ILogger logger, Exception error, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "capture {Id}: a previous agent process left its recording at {Path} unstored; storing it now")]
    public static partial void Recovering(this ILogger logger, string id, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id}: the recovered recording is stored at {Uri} ({Torn} torn bytes cut off)")]
    public static partial void Recovered(this ILogger logger, string id, string uri, long torn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "capture {Id}: storing the recovered recording failed ({Reason}); retrying in {Delay}")]
    public static partial void RecoveryRetrying(this ILogger logger, string id, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "capture {Id}: the recovered recording was not stored")]
    public static partial void RecoveryFailed(this ILogger logger, Exception error, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "spool: a pending capture record cannot be read and is left alone: {Problem}")]
    public static partial void RecoveryUnreadable(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id}: a repeated start adds targets ({Hints} cgroup hints in all)")]
    public static partial void TargetsAdded(this ILogger logger, string id, int hints);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture {Id}: the file an earlier agent process stored at {Path} was read back again (verified: {Verified})")]
    public static partial void Rechecked(this ILogger logger, string id, string path, bool verified);
}
