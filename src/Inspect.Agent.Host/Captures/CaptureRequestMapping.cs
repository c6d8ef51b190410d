using Inspect.Agent.Capture;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Captures;

/// <summary>From the wire request to the capture core's options.</summary>
public static class CaptureRequestMapping
{
    /// <summary>The session options for <paramref name="request"/> recording <paramref name="target"/>.</summary>
    public static CaptureOptions ToOptions(StartCaptureRequest request, CaptureTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = request.Limits ?? new Protocol.V1.CaptureLimits();
        return new CaptureOptions
        {
            Target = target,
            Snaplen = request.Snaplen,
            Limits = new Capture.CaptureLimits(
                limits.Duration?.ToTimeSpan(),
                limits.HasMaxBytes ? limits.MaxBytes : null,
                limits.HasMaxEvents ? limits.MaxEvents : null),
        };
    }
}
