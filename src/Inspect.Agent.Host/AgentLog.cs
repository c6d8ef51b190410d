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
}
