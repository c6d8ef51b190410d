using Inspect.Scap.Model;

namespace Inspect.Agent.FlightRecorder;

/// <summary>One recording written from the flight recorder.</summary>
/// <param name="Events">Events written (not counting metadata and container events).</param>
/// <param name="RequestedFromNs">The start of the window asked for, ns since the epoch.</param>
/// <param name="FromNs">The oldest event the ring still held when the recording was written.</param>
/// <param name="ToNs">The end of the window.</param>
/// <param name="CutShort">The ring's byte budget forced out events inside the window asked for.</param>
/// <param name="Redaction">Secrets masked per rule in the recording's events and process table; null when the ring
/// records without redaction.</param>
public sealed record FlightRecording(long Events, ulong RequestedFromNs, ulong FromNs, ulong ToNs, bool CutShort, RedactionSummary? Redaction = null);
