using Inspect.Agent.Capture;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Targeting;

/// <summary>Turns a start request's pods into what the probe targets on this node.</summary>
public interface ITargetResolver
{
    /// <summary>The probe target for <paramref name="request"/>.</summary>
    /// <exception cref="TargetNotFoundException">None of the requested targets exists on this node.</exception>
    CaptureTarget Resolve(StartCaptureRequest request);
}

/// <summary>None of a request's targets could be found on the node.</summary>
public sealed class TargetNotFoundException(string message) : Exception(message);
