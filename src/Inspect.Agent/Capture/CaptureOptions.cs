using Inspect.Redaction.Rules;

namespace Inspect.Agent.Capture;

/// <summary>What to capture and how.</summary>
public sealed record CaptureOptions
{
    /// <summary>The probe's default: enough for most protocol headers and short paths inside buffers.</summary>
    public const uint DefaultSnaplen = 80;

    public CaptureTarget Target { get; init; } = CaptureTarget.AllProcesses;

    /// <summary>I/O payload bytes kept per call.</summary>
    public uint Snaplen { get; init; } = DefaultSnaplen;

    public CaptureLimits Limits { get; init; } = CaptureLimits.None;

    /// <summary>
    /// The rules that mask secrets in events and in the process table before anything is written; the built-in rules
    /// by default, null to record the bytes as they are.
    /// </summary>
    public RedactionRuleSet? Redaction { get; init; } = RedactionRuleSet.BuiltIn;

    /// <summary>
    /// How often written events are pushed to the file even when little arrives, bounding what a killed capture
    /// loses. (The 1 MiB write buffer pushes on its own when it fills.)
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often <see cref="CaptureSession"/> reports progress.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>For a cgroup capture: asked once per <see cref="ProgressInterval"/> for cgroup directories of the
    /// targets that appeared since the capture started (a targeted pod whose cgroup did not exist yet); each is added
    /// to the probe's targets while it records.</summary>
    public Func<IReadOnlyList<string>>? NewCgroups { get; init; }

    /// <summary>
    /// Pause after a batch that did not fill half the buffer, so the next batch is bigger and the probe rarely has
    /// to wake the reader (see <see cref="CaptureSession"/>). Zero reads again at once.
    /// </summary>
    public TimeSpan BatchPause { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Size of the buffer each batch of events is read into; at least one maximal event (64 KiB) plus framing.</summary>
    public int BatchBufferBytes { get; init; } = 1 << 20;
}
