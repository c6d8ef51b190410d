using Inspect.Scap.Events;

namespace Inspect.Redaction.Events;

/// <summary>
/// Which parameters of one event type are redacted, worked out once from the schema (events.tsv) by parameter type
/// and name rather than from a hand-kept list of syscalls:
/// <list type="bullet">
/// <item>every BYTEBUF and CHARBUF parameter (I/O payloads, execve's exe, args and env, cwd, symlink targets, mount
/// devices, container JSON, ...), except <c>comm</c> (the kernel's 16-byte task name) and <c>cgroups</c>;</item>
/// <item>in I/O events (categories IO_READ and IO_WRITE), the BYTEBUF payload is a stream: its fd comes from the enter
/// event's <c>fd</c> parameter and its captured size is checked against the exit's <c>res</c>.</item>
/// </list>
/// Paths (FSPATH, FSRELPATH), addresses and numbers are never touched.
/// </summary>
internal sealed class EventPlan
{
    private static readonly HashSet<string> NeverSecret = new(StringComparer.Ordinal) { "comm", "cgroups" };

    private EventPlan(int[] scanned, int payload, int fd, int result, EventCategory direction)
    {
        Scanned = scanned;
        PayloadParam = payload;
        FdParam = fd;
        ResultParam = result;
        Direction = direction;
    }

    /// <summary>For event types newer than the table: every parameter is scanned, none followed as a stream.</summary>
    public static EventPlan Unknown { get; } = new([], -1, -1, -1, EventCategory.Unknown) { ScansAll = true };

    /// <summary>Indexes of the parameters to redact, ascending.</summary>
    public int[] Scanned { get; }

    /// <summary>True for event types unknown to the table: all parameters are scanned.</summary>
    public bool ScansAll { get; private init; }

    /// <summary>The I/O payload parameter followed across buffers, or -1.</summary>
    public int PayloadParam { get; }

    /// <summary>An I/O enter event's fd parameter, or -1.</summary>
    public int FdParam { get; }

    /// <summary>An I/O exit event's result (bytes transferred), or -1.</summary>
    public int ResultParam { get; }

    /// <summary><see cref="EventCategory.IoRead"/> or <see cref="EventCategory.IoWrite"/> for I/O events.</summary>
    public EventCategory Direction { get; }

    /// <summary>Whether there is anything to do for this type.</summary>
    public bool IsIdle => Scanned.Length == 0 && FdParam < 0 && !ScansAll;

    public static EventPlan For(EventInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var io = info.Category is EventCategory.IoRead or EventCategory.IoWrite;
        var scanned = new List<int>();
        int payload = -1, fd = -1, result = -1;
        for (var i = 0; i < info.Parameters.Count; i++)
        {
            var p = info.Parameters[i];
            if (p.Type is ParamType.ByteBuf or ParamType.CharBuf && !NeverSecret.Contains(p.Name))
            {
                scanned.Add(i);
                if (io && p.Type == ParamType.ByteBuf && !info.IsEnter)
                {
                    payload = i;
                }
            }

            if (io && info.IsEnter && p.Type == ParamType.Fd && p.Name == "fd")
            {
                fd = i;
            }

            if (io && !info.IsEnter && p.Type == ParamType.Errno && p.Name == "res")
            {
                result = i;
            }
        }

        return new EventPlan(scanned.ToArray(), payload, fd, result, io ? info.Category : EventCategory.Unknown);
    }
}
