namespace Inspect.Agent.Interop;

/// <summary>
/// A libinspectprobe call failed. <see cref="Code"/> says why (the shim's error code); <see cref="NativeLog"/> holds the
/// loader or verifier output the shim kept for the failing call, when there was any.
/// </summary>
public sealed class ProbeException : Exception
{
    public ProbeException(ProbeErrorCode code, string message, string? nativeLog = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        NativeLog = string.IsNullOrWhiteSpace(nativeLog) ? null : nativeLog;
    }

    public ProbeErrorCode Code { get; }

    public string? NativeLog { get; }
}
