using Inspect.Scap.Events;

namespace Inspect.Redaction.Events;

/// <summary>One direction of one fd as one thread uses it: the unit across which split secrets are followed.</summary>
internal readonly record struct StreamKey(long Tid, long Fd, EventCategory Direction);
