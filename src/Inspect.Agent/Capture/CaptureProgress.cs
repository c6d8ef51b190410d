namespace Inspect.Agent.Capture;

/// <summary>Where a running capture stands.</summary>
/// <param name="Elapsed">Time since events started being recorded.</param>
/// <param name="Events">Events written.</param>
/// <param name="Bytes">Bytes written (before compression).</param>
/// <param name="Drops">Events the probe lost so far.</param>
public readonly record struct CaptureProgress(TimeSpan Elapsed, long Events, long Bytes, ulong Drops);
